using System.Globalization;
using System.Text;

namespace Clearance.Core.Expressions;

internal enum TokenKind
{
    Number,
    Date,
    Text,
    Word,
    Operator,
    Open,
    Close,
    OpenBracket,
    CloseBracket,
    Comma,
    End,
}

internal readonly record struct Token(TokenKind Kind, string Text, int Offset, string? Value = null);

internal static class Lexer
{
    public static (List<Token> Tokens, ExpressionError? Error) Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (char.IsAsciiDigit(c))
            {
                // A date is exactly YYYY-MM-DD with no spaces; anything else starting with a digit is a number.
                if (i + 10 <= text.Length && IsDate(text.AsSpan(i, 10)) && (i + 10 == text.Length || !char.IsLetterOrDigit(text[i + 10])))
                {
                    var dateText = text.Substring(i, 10);
                    if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    {
                        return (tokens, new ExpressionError(i, 10, $"'{dateText}' is not a calendar date"));
                    }

                    tokens.Add(new Token(TokenKind.Date, dateText, i));
                    i += 10;
                    continue;
                }

                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                if (i < text.Length && text[i] == '.')
                {
                    i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        i++;
                    }
                }

                var thousands = i + 3 < text.Length && text[i] == ',' && char.IsAsciiDigit(text[i + 1]) && char.IsAsciiDigit(text[i + 2]) && char.IsAsciiDigit(text[i + 3])
                    && (i + 4 == text.Length || !char.IsAsciiDigit(text[i + 4]));
                if (i < text.Length && (char.IsLetter(text[i]) || thousands))
                {
                    return (tokens, new ExpressionError(start, i - start + 1, text[i] == ','
                        ? "write numbers without thousands separators (4800 or 4_800, not 4,800)"
                        : $"a number may not carry a unit or letters ('{text[start..(i + 1)]}'); units are part of the fact's name"));
                }

                tokens.Add(new Token(TokenKind.Number, text[start..i], start));
                continue;
            }

            if (char.IsLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Word, text[start..i], start));
                continue;
            }

            if (c is '"' or '\'')
            {
                var value = new StringBuilder();
                i++;
                while (i < text.Length && text[i] != c)
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    value.Append(text[i]);
                    i++;
                }

                if (i >= text.Length)
                {
                    return (tokens, new ExpressionError(start, text.Length - start, "a text literal is not closed"));
                }

                i++;
                tokens.Add(new Token(TokenKind.Text, text[start..i], start, value.ToString()));
                continue;
            }

            var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
            if (two is "==" or "!=" or "<=" or ">=")
            {
                tokens.Add(new Token(TokenKind.Operator, two, i));
                i += 2;
                continue;
            }

            var kind = c switch
            {
                '<' or '>' or '+' or '-' or '*' or '/' => TokenKind.Operator,
                '(' => TokenKind.Open,
                ')' => TokenKind.Close,
                '[' => TokenKind.OpenBracket,
                ']' => TokenKind.CloseBracket,
                ',' => TokenKind.Comma,
                _ => TokenKind.End,
            };
            if (kind == TokenKind.End)
            {
                var hint = c == '=' ? " (write == to compare)" : c is '&' or '|' or '!' ? " (write and, or, not)" : "";
                return (tokens, new ExpressionError(i, 1, $"unexpected character '{c}'{hint}"));
            }

            tokens.Add(new Token(kind, c.ToString(), i));
            i++;
        }

        tokens.Add(new Token(TokenKind.End, "", text.Length));
        return (tokens, null);
    }

    private static bool IsDate(ReadOnlySpan<char> s) =>
        char.IsAsciiDigit(s[0]) && char.IsAsciiDigit(s[1]) && char.IsAsciiDigit(s[2]) && char.IsAsciiDigit(s[3]) && s[4] == '-'
        && char.IsAsciiDigit(s[5]) && char.IsAsciiDigit(s[6]) && s[7] == '-' && char.IsAsciiDigit(s[8]) && char.IsAsciiDigit(s[9]);
}
