using System.Collections.Immutable;
using System.Globalization;

namespace Clearance.Core.Expressions;

/// <summary>
/// Parses the condition language of rule files. Grammar (lowest precedence first):
/// <c>or</c> · <c>and</c> · <c>not</c> · comparisons (<c>== != &lt; &lt;= &gt; &gt;=</c>, <c>in</c>, <c>not in</c>) ·
/// <c>+ -</c> · <c>* /</c> · unary minus · literals (numbers, "texts", 2025-01-15 dates, true/false, [lists]),
/// fact names, function calls and parentheses. See docs/rule-language.md.
/// </summary>
public static class ExpressionParser
{
    public static (Syntax? Syntax, ExpressionError? Error) Parse(string text)
    {
        var (tokens, lexError) = Lexer.Tokenize(text);
        if (lexError is not null)
        {
            return (null, lexError);
        }

        var parser = new State(tokens, text.Length);
        try
        {
            var syntax = parser.ParseOr();
            if (parser.Current.Kind != TokenKind.End)
            {
                throw parser.Error($"unexpected '{parser.Current.Text}' after a complete condition");
            }

            return (syntax, null);
        }
        catch (ParseException ex)
        {
            return (null, ex.Error);
        }
    }

    private sealed class ParseException(ExpressionError error) : Exception(error.Message)
    {
        public ExpressionError Error { get; } = error;
    }

    private sealed class State(List<Token> tokens, int textLength)
    {
        private int _index;

        public Token Current => tokens[_index];

        public ParseException Error(string message) =>
            new(new ExpressionError(Current.Kind == TokenKind.End ? textLength : Current.Offset, Math.Max(1, Current.Text.Length), message));

        public Syntax ParseOr()
        {
            var left = ParseAnd();
            while (IsWord("or"))
            {
                Advance();
                var right = ParseAnd();
                left = new Binary("or", left, right, left.Offset, End(right) - left.Offset);
            }

            return left;
        }

        private Syntax ParseAnd()
        {
            var left = ParseNot();
            while (IsWord("and"))
            {
                Advance();
                var right = ParseNot();
                left = new Binary("and", left, right, left.Offset, End(right) - left.Offset);
            }

            return left;
        }

        private Syntax ParseNot()
        {
            if (IsWord("not"))
            {
                var start = Advance().Offset;
                var operand = ParseNot();
                return new Unary("not", operand, start, End(operand) - start);
            }

            return ParseComparison();
        }

        private Syntax ParseComparison()
        {
            var left = ParseAdditive();
            if (Current.Kind == TokenKind.Operator && Current.Text is "==" or "!=" or "<" or "<=" or ">" or ">=")
            {
                var op = Advance().Text;
                var right = ParseAdditive();
                return new Binary(op, left, right, left.Offset, End(right) - left.Offset);
            }

            if (IsWord("in"))
            {
                Advance();
                var right = ParseAdditive();
                return new Binary("in", left, right, left.Offset, End(right) - left.Offset);
            }

            if (IsWord("not") && Peek(1) is { Kind: TokenKind.Word, Text: "in" })
            {
                Advance();
                Advance();
                var right = ParseAdditive();
                return new Binary("not in", left, right, left.Offset, End(right) - left.Offset);
            }

            return left;
        }

        private Syntax ParseAdditive()
        {
            var left = ParseMultiplicative();
            while (Current.Kind == TokenKind.Operator && Current.Text is "+" or "-")
            {
                var op = Advance().Text;
                var right = ParseMultiplicative();
                left = new Binary(op, left, right, left.Offset, End(right) - left.Offset);
            }

            return left;
        }

        private Syntax ParseMultiplicative()
        {
            var left = ParseUnary();
            while (Current.Kind == TokenKind.Operator && Current.Text is "*" or "/")
            {
                var op = Advance().Text;
                var right = ParseUnary();
                left = new Binary(op, left, right, left.Offset, End(right) - left.Offset);
            }

            return left;
        }

        private Syntax ParseUnary()
        {
            if (Current.Kind == TokenKind.Operator && Current.Text == "-")
            {
                var start = Advance().Offset;
                var operand = ParseUnary();
                return new Unary("-", operand, start, End(operand) - start);
            }

            return ParsePrimary();
        }

        private Syntax ParsePrimary()
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Number:
                    Advance();
                    return new NumberLiteral(double.Parse(token.Text.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture), token.Offset, token.Text.Length);
                case TokenKind.Date:
                    Advance();
                    return new DateLiteral(DateOnly.ParseExact(token.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture), token.Offset, token.Text.Length);
                case TokenKind.Text:
                    Advance();
                    return new TextLiteral(token.Value!, token.Offset, token.Text.Length);
                case TokenKind.Open:
                {
                    Advance();
                    var inner = ParseOr();
                    Expect(TokenKind.Close, "')'");
                    return inner;
                }

                case TokenKind.OpenBracket:
                {
                    Advance();
                    var items = ImmutableArray.CreateBuilder<Syntax>();
                    if (Current.Kind != TokenKind.CloseBracket)
                    {
                        items.Add(ParseAdditive());
                        while (Current.Kind == TokenKind.Comma)
                        {
                            Advance();
                            items.Add(ParseAdditive());
                        }
                    }

                    var close = Expect(TokenKind.CloseBracket, "']' or ','");
                    return new ListLiteral(items.ToImmutable(), token.Offset, close.Offset + 1 - token.Offset);
                }

                case TokenKind.Word when token.Text is "true" or "false":
                    Advance();
                    return new BooleanLiteral(token.Text == "true", token.Offset, token.Text.Length);
                case TokenKind.Word when token.Text is "and" or "or" or "not" or "in":
                    throw Error($"expected a value but found the keyword '{token.Text}'");
                case TokenKind.Word:
                {
                    Advance();
                    if (Current.Kind != TokenKind.Open)
                    {
                        return new FactReference(token.Text, token.Offset, token.Text.Length);
                    }

                    Advance();
                    var arguments = ImmutableArray.CreateBuilder<Syntax>();
                    if (Current.Kind != TokenKind.Close)
                    {
                        arguments.Add(ParseOr());
                        while (Current.Kind == TokenKind.Comma)
                        {
                            Advance();
                            arguments.Add(ParseOr());
                        }
                    }

                    var close = Expect(TokenKind.Close, "')' or ','");
                    return new Call(token.Text, arguments.ToImmutable(), token.Offset, close.Offset + 1 - token.Offset);
                }

                case TokenKind.End:
                    throw Error("the condition ends where a value was expected");
                default:
                    throw Error($"expected a value but found '{token.Text}'");
            }
        }

        private Token Expect(TokenKind kind, string what)
        {
            if (Current.Kind != kind)
            {
                throw Error(Current.Kind == TokenKind.End ? $"expected {what} before the end" : $"expected {what} but found '{Current.Text}'");
            }

            return Advance();
        }

        private bool IsWord(string word) => Current.Kind == TokenKind.Word && Current.Text == word;

        private Token? Peek(int ahead) => _index + ahead < tokens.Count ? tokens[_index + ahead] : null;

        private Token Advance() => tokens[_index++];

        private static int End(Syntax syntax) => syntax.Offset + syntax.Length;
    }
}
