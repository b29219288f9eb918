using System.Collections.Frozen;

namespace Clearance.Core.Expressions;

/// <summary>
/// Type-checks a condition's syntax against a schema and turns it into typed delegates. Logic is Kleene's
/// three-valued logic: an unknown fact makes a comparison unknown, <c>false and unknown</c> is false,
/// <c>true or unknown</c> is true, and <c>known(x)</c> asks whether a fact is known.
/// </summary>
internal sealed class ExpressionCompiler<TFacts>(FactSchema<TFacts> schema)
{
    private static readonly StringComparer TextComparer = StringComparer.OrdinalIgnoreCase;

    private readonly Dictionary<Syntax, (FactType Type, Delegate Compiled)> _nodes = new(ReferenceEqualityComparer.Instance);

    public IReadOnlyDictionary<Syntax, (FactType Type, Delegate Compiled)> CompiledNodes => _nodes;

    public (FactType Type, Delegate Compiled) Compile(Syntax syntax)
    {
        var result = CompileNode(syntax);
        _nodes[syntax] = result;
        return result;
    }

    private (FactType, Delegate) CompileNode(Syntax syntax)
    {
        switch (syntax)
        {
            case NumberLiteral n:
            {
                double? value = n.Value;
                return (FactType.Number, (Func<TFacts, double?>)(_ => value));
            }

            case TextLiteral t:
                return (FactType.Text, (Func<TFacts, string?>)(_ => t.Value));
            case DateLiteral d:
            {
                DateOnly? value = d.Value;
                return (FactType.Date, (Func<TFacts, DateOnly?>)(_ => value));
            }

            case BooleanLiteral b:
            {
                bool? value = b.Value;
                return (FactType.Boolean, (Func<TFacts, bool?>)(_ => value));
            }

            case ListLiteral list:
                return CompileList(list);
            case FactReference reference:
                if (schema.Facts.TryGetValue(reference.Name, out var fact))
                {
                    return (fact.Type, fact.Accessor);
                }

                throw Fail(reference, $"unknown fact '{reference.Name}'{Suggestion(reference.Name)}");
            case Unary { Operator: "not" } not:
            {
                var operand = ExpectBoolean(not.Operand, "'not' applies to a true/false value");
                return (FactType.Boolean, (Func<TFacts, bool?>)(facts => !operand(facts)));
            }

            case Unary { Operator: "-" } negate:
            {
                var operand = ExpectNumber(negate.Operand, "'-' applies to a number");
                return (FactType.Number, (Func<TFacts, double?>)(facts => -operand(facts)));
            }

            case Binary binary:
                return CompileBinary(binary);
            case Call call:
                return CompileCall(call);
            default:
                throw Fail(syntax, "unsupported expression");
        }
    }

    private static (FactType, Delegate) CompileList(ListLiteral list)
    {
        var values = new List<string>();
        foreach (var item in list.Items)
        {
            if (item is not TextLiteral text)
            {
                throw Fail(item, "a list holds quoted texts only, such as [\"CN\", \"MO\"]");
            }

            values.Add(text.Value);
        }

        // Short lists (most of them) scan faster than they hash ignoring case; long ones are frozen hash sets.
        IReadOnlySet<string> set = values.Count <= 8 ? new TextSet([.. values]) : values.ToFrozenSet(TextComparer);
        return (FactType.TextSet, (Func<TFacts, IReadOnlySet<string>?>)(_ => set));
    }

    private (FactType, Delegate) CompileBinary(Binary binary)
    {
        switch (binary.Operator)
        {
            case "and":
            {
                var left = ExpectBoolean(binary.Left, "'and' joins true/false values");
                var right = ExpectBoolean(binary.Right, "'and' joins true/false values");
                return (FactType.Boolean, (Func<TFacts, bool?>)(facts =>
                {
                    var l = left(facts);
                    return l is false ? false : l & right(facts);
                }));
            }

            case "or":
            {
                var left = ExpectBoolean(binary.Left, "'or' joins true/false values");
                var right = ExpectBoolean(binary.Right, "'or' joins true/false values");
                return (FactType.Boolean, (Func<TFacts, bool?>)(facts =>
                {
                    var l = left(facts);
                    return l is true ? true : l | right(facts);
                }));
            }

            case "+" or "-" or "*" or "/":
            {
                var left = ExpectNumber(binary.Left, $"'{binary.Operator}' needs numbers");
                var right = ExpectNumber(binary.Right, $"'{binary.Operator}' needs numbers");
                Func<TFacts, double?> compiled = binary.Operator switch
                {
                    "+" => facts => left(facts) + right(facts),
                    "-" => facts => left(facts) - right(facts),
                    "*" => facts => left(facts) * right(facts),
                    _ => facts => right(facts) is 0 ? null : left(facts) / right(facts),
                };
                return (FactType.Number, compiled);
            }

            case "in" or "not in":
            {
                var element = Expect<string?>(binary.Left, FactType.Text, $"'{binary.Operator}' needs a text on its left");
                var set = Expect<IReadOnlySet<string>?>(binary.Right, FactType.TextSet, $"'{binary.Operator}' needs a list of texts on its right");
                Func<TFacts, bool?> contains = facts => element(facts) is { } e && set(facts) is { } s ? TextSetLogic.Has(s, e) : null;
                if (binary.Right is ListLiteral)
                {
                    // A written list is a constant: test against it directly instead of calling for it each time.
                    var constant = set(default!)!;
                    contains = facts => element(facts) is { } e ? TextSetLogic.Has(constant, e) : null;
                }

                return (FactType.Boolean, binary.Operator == "in" ? contains : facts => !contains(facts));
            }

            default:
                return CompileComparison(binary);
        }
    }

    private (FactType, Delegate) CompileComparison(Binary binary)
    {
        var (leftType, _) = Compile(binary.Left);
        var (rightType, _) = Compile(binary.Right);
        if (leftType != rightType)
        {
            throw Fail(binary, $"cannot compare a {FactSchema<TFacts>.Describe(leftType)} with a {FactSchema<TFacts>.Describe(rightType)}");
        }

        var op = binary.Operator;
        switch (leftType)
        {
            case FactType.Number:
                return (FactType.Boolean, Ordered(Expect<double?>(binary.Left, leftType, ""), Expect<double?>(binary.Right, leftType, ""), op));
            case FactType.Date:
                return (FactType.Boolean, Ordered(Expect<DateOnly?>(binary.Left, leftType, ""), Expect<DateOnly?>(binary.Right, leftType, ""), op));
            case FactType.Text when op is "==" or "!=":
            {
                var left = Expect<string?>(binary.Left, leftType, "");
                var right = Expect<string?>(binary.Right, leftType, "");
                var equal = op == "==";
                if (binary.Right is TextLiteral literal)
                {
                    // Comparing with a written text: no call for the constant side.
                    var constant = literal.Value;
                    return (FactType.Boolean, (Func<TFacts, bool?>)(facts => left(facts) is { } l ? TextComparer.Equals(l, constant) == equal : null));
                }

                return (FactType.Boolean, (Func<TFacts, bool?>)(facts => left(facts) is { } l && right(facts) is { } r ? TextComparer.Equals(l, r) == equal : null));
            }

            case FactType.Boolean when op is "==" or "!=":
            {
                var left = Expect<bool?>(binary.Left, leftType, "");
                var right = Expect<bool?>(binary.Right, leftType, "");
                var equal = op == "==";
                return (FactType.Boolean, (Func<TFacts, bool?>)(facts => left(facts) is { } l && right(facts) is { } r ? (l == r) == equal : null));
            }

            default:
                throw Fail(binary, $"'{op}' does not apply to a {FactSchema<TFacts>.Describe(leftType)}");
        }
    }

    private static Func<TFacts, bool?> Ordered<T>(Func<TFacts, T?> left, Func<TFacts, T?> right, string op)
        where T : struct, IComparable<T>
    {
        Func<int, bool> test = op switch
        {
            "==" => c => c == 0,
            "!=" => c => c != 0,
            "<" => c => c < 0,
            "<=" => c => c <= 0,
            ">" => c => c > 0,
            _ => c => c >= 0,
        };
        return facts => left(facts) is { } l && right(facts) is { } r ? test(l.CompareTo(r)) : null;
    }

    private (FactType, Delegate) CompileCall(Call call)
    {
        switch (call.Function)
        {
            case "known":
            {
                Arity(call, 1);
                var (type, compiled) = Compile(call.Arguments[0]);
                Func<TFacts, bool?> known = type switch
                {
                    FactType.Number => facts => ((Func<TFacts, double?>)compiled)(facts).HasValue,
                    FactType.Boolean => facts => ((Func<TFacts, bool?>)compiled)(facts).HasValue,
                    FactType.Date => facts => ((Func<TFacts, DateOnly?>)compiled)(facts).HasValue,
                    FactType.Text => facts => ((Func<TFacts, string?>)compiled)(facts) is not null,
                    _ => facts => ((Func<TFacts, IReadOnlySet<string>?>)compiled)(facts) is not null,
                };
                return (FactType.Boolean, known);
            }

            case "starts_with":
            {
                Arity(call, 2);
                var text = Expect<string?>(call.Arguments[0], FactType.Text, "starts_with(text, prefix) needs a text first");
                var prefix = Expect<string?>(call.Arguments[1], FactType.Text, "starts_with(text, prefix) needs a text prefix");
                return (FactType.Boolean, (Func<TFacts, bool?>)(facts => text(facts) is { } t && prefix(facts) is { } p ? t.StartsWith(p, StringComparison.OrdinalIgnoreCase) : null));
            }

            case "intersects":
            {
                Arity(call, 2);
                var left = Expect<IReadOnlySet<string>?>(call.Arguments[0], FactType.TextSet, "intersects(a, b) needs two lists of texts");
                var right = Expect<IReadOnlySet<string>?>(call.Arguments[1], FactType.TextSet, "intersects(a, b) needs two lists of texts");
                return (FactType.Boolean, (Func<TFacts, bool?>)(facts => left(facts) is { } l && right(facts) is { } r ? TextSetLogic.Intersects(l, r) : null));
            }

            case "min" or "max":
            {
                Arity(call, 2);
                var left = ExpectNumber(call.Arguments[0], $"{call.Function}(a, b) needs numbers");
                var right = ExpectNumber(call.Arguments[1], $"{call.Function}(a, b) needs numbers");
                var max = call.Function == "max";
                return (FactType.Number, (Func<TFacts, double?>)(facts => left(facts) is { } l && right(facts) is { } r ? (max ? Math.Max(l, r) : Math.Min(l, r)) : null));
            }

            default:
                throw Fail(call, $"unknown function '{call.Function}'; the functions are known, starts_with, intersects, min and max");
        }
    }

    private static void Arity(Call call, int count)
    {
        if (call.Arguments.Length != count)
        {
            throw Fail(call, $"{call.Function} takes {count} argument(s), not {call.Arguments.Length}");
        }
    }

    private Func<TFacts, double?> ExpectNumber(Syntax syntax, string message) => Expect<double?>(syntax, FactType.Number, message);

    private Func<TFacts, bool?> ExpectBoolean(Syntax syntax, string message) => Expect<bool?>(syntax, FactType.Boolean, message);

    private Func<TFacts, T> Expect<T>(Syntax syntax, FactType type, string message)
    {
        var (actual, compiled) = Compile(syntax);
        if (actual != type)
        {
            throw Fail(syntax, $"{message}; this is a {FactSchema<TFacts>.Describe(actual)}");
        }

        return (Func<TFacts, T>)compiled;
    }

    private string Suggestion(string name)
    {
        var close = schema.Facts.Keys
            .Select(k => (Key: k, Score: LevenshteinAtMost(name, k, 3)))
            .Where(k => k.Score <= 3)
            .OrderBy(k => k.Score)
            .Select(k => k.Key)
            .FirstOrDefault();
        return close is null ? $"; the facts are: {string.Join(", ", schema.Facts.Keys)}" : $"; did you mean '{close}'?";
    }

    private static int LevenshteinAtMost(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    private static CheckException Fail(Syntax syntax, string message) => new(new ExpressionError(syntax.Offset, syntax.Length, message));

    internal sealed class CheckException(ExpressionError error) : Exception(error.Message)
    {
        public ExpressionError Error { get; } = error;
    }
}
