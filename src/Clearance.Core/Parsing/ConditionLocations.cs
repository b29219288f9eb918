using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Clearance.Core.Parsing;

/// <summary>Maps an offset inside a YAML scalar (such as a rule's condition) back to a line and column of its file.</summary>
public static class ConditionLocations
{
    /// <summary>
    /// As <see cref="Locate(YamlScalarNode, string, int)"/>, but exact for folded blocks (<c>&gt;-</c>), whose line
    /// breaks YAML turns into spaces: the block's lines are read back from the file's text.
    /// </summary>
    public static SourceLocation Locate(YamlScalarNode scalar, string file, string text, int offset)
    {
        ArgumentNullException.ThrowIfNull(scalar);
        ArgumentNullException.ThrowIfNull(text);
        if (scalar.Style != ScalarStyle.Folded)
        {
            return Locate(scalar, file, offset);
        }

        // The block's lines follow the indicator's line; each contributes its trimmed text plus one space.
        var lines = text.Split('\n');
        var remaining = Math.Max(0, offset);
        for (var index = (int)scalar.Start.Line; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd('\r');
            var content = line.TrimStart();
            if (content.Length == 0)
            {
                continue;
            }

            var indent = line.Length - content.Length;
            if (remaining <= content.Length)
            {
                return new SourceLocation(file, index + 1, indent + 1 + remaining);
            }

            remaining -= content.Length + 1;
        }

        return Locate(scalar, file, offset);
    }

    public static SourceLocation Locate(YamlScalarNode scalar, string file, int offset)
    {
        ArgumentNullException.ThrowIfNull(scalar);
        var text = scalar.Value ?? "";
        offset = Math.Clamp(offset, 0, text.Length);
        var line = (int)scalar.Start.Line;
        var column = (int)scalar.Start.Column;
        var before = text[..offset];
        var newlines = before.Count(c => c == '\n');
        switch (scalar.Style)
        {
            case ScalarStyle.Literal or ScalarStyle.Folded:
                // The block's text starts on the line after its indicator, indented past the key.
                return new SourceLocation(file, line + 1 + newlines, column + 2 + (before.Length - before.LastIndexOf('\n') - 1));
            case ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted:
                return newlines == 0
                    ? new SourceLocation(file, line, column + 1 + offset)
                    : new SourceLocation(file, line + newlines, before.Length - before.LastIndexOf('\n'));
            default:
                return newlines == 0
                    ? new SourceLocation(file, line, column + offset)
                    : new SourceLocation(file, line + newlines, before.Length - before.LastIndexOf('\n'));
        }
    }
}
