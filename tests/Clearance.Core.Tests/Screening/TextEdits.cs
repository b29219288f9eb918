namespace Clearance.Core.Tests.Screening;

/// <summary>Random edits for the property tests: each inserts (kind 0), deletes (1) or replaces (2) a letter at a position taken modulo the text's length.</summary>
internal static class TextEdits
{
    public static string Apply(string text, (int Kind, int At, char Letter)[] edits)
    {
        var edited = new System.Text.StringBuilder(text);
        foreach (var (kind, at, letter) in edits)
        {
            var position = at % (edited.Length + 1);
            if (kind == 0 || edited.Length == 0 || position == edited.Length)
            {
                edited.Insert(position, letter);
            }
            else if (kind == 1)
            {
                edited.Remove(position, 1);
            }
            else
            {
                edited[position] = letter;
            }
        }

        return edited.ToString();
    }
}
