using System.Collections.Immutable;
using System.Globalization;

namespace Clearance.Core.Expressions;

/// <summary>One test inside a condition, with the values it saw: "tpp (15,832) >= 4,800 → true".</summary>
public sealed record TestTrace(string Text, string Left, string Right, bool? Outcome)
{
    public override string ToString() =>
        $"{Text}: {Left}{(Right.Length > 0 ? " vs " + Right : "")} → {Outcomes.Describe(Outcome)}";
}

public static class Outcomes
{
    public static string Describe(bool? outcome) => outcome switch
    {
        true => "true",
        false => "false",
        null => "unknown",
    };
}

/// <summary>
/// A compiled, type-checked condition over <typeparamref name="TFacts"/>. <see cref="Evaluate(TFacts)"/> is the fast path;
/// <see cref="Explain"/> runs the same compiled pieces and reports each test with the values it saw.
/// </summary>
public sealed class Condition<TFacts>
{
    private readonly Func<TFacts, uint, bool?> _compiled;
    private readonly IReadOnlyDictionary<Syntax, (FactType Type, Delegate Compiled)> _nodes;

    internal Condition(string text, Syntax syntax, Func<TFacts, uint, bool?> compiled, IReadOnlyDictionary<Syntax, (FactType Type, Delegate Compiled)> nodes)
    {
        Text = text;
        Syntax = syntax;
        Conjuncts = [.. LambdaCompiler<TFacts>.Conjuncts(syntax)];
        _compiled = compiled;
        _nodes = nodes;
        FactsNamed = [.. Walk(syntax).OfType<FactReference>().Select(f => f.Name).Distinct().Order(StringComparer.Ordinal)];
    }

    public string Text { get; }

    public Syntax Syntax { get; }

    /// <summary>The fact names the condition reads, sorted.</summary>
    public ImmutableArray<string> FactsNamed { get; }

    /// <summary>The operands of the top-level chain of <c>and</c> (the whole condition when there is none).</summary>
    public ImmutableArray<Syntax> Conjuncts { get; }

    /// <summary>True, false, or null when unknown facts leave the outcome open.</summary>
    public bool? Evaluate(TFacts facts) => _compiled(facts, 0);

    /// <summary>
    /// <see cref="Evaluate(TFacts)"/> taking the conjuncts marked in <paramref name="settled"/> (bit k for
    /// <see cref="Conjuncts"/>[k], k &lt; 32) as true without evaluating them: for conjuncts known true for every set of
    /// facts the caller will pass, such as tests of a chip's designations for all orders of that chip.
    /// </summary>
    public bool? Evaluate(TFacts facts, uint settled) => _compiled(facts, settled);

    /// <summary>One conjunct's value, from the per-node delegates.</summary>
    public bool? EvaluateConjunct(int index, TFacts facts) => Run(Conjuncts[index], facts);

    /// <summary>The same answer as <see cref="Evaluate(TFacts)"/>, from the per-node delegates that explanations run (for tests).</summary>
    internal bool? EvaluateByNodes(TFacts facts) => Run(Syntax, facts);

    /// <summary>Every comparison, membership and function test in the condition, in reading order, with its values.</summary>
    public ImmutableArray<TestTrace> Explain(TFacts facts)
    {
        var traces = ImmutableArray.CreateBuilder<TestTrace>();
        foreach (var node in Walk(Syntax))
        {
            if (node is Binary { Operator: not ("and" or "or" or "+" or "-" or "*" or "/") } binary)
            {
                traces.Add(new TestTrace(Slice(binary), Show(binary.Left, facts), Show(binary.Right, facts), Run(binary, facts)));
            }
            else if (node is Call call && _nodes[call].Type == FactType.Boolean)
            {
                traces.Add(new TestTrace(Slice(call), string.Join(", ", call.Arguments.Select(a => Show(a, facts))), "", Run(call, facts)));
            }
            else if (node is FactReference reference && _nodes[reference].Type == FactType.Boolean)
            {
                traces.Add(new TestTrace(reference.Name, Show(reference, facts), "", Run(reference, facts)));
            }
        }

        return traces.ToImmutable();
    }

    public override string ToString() => Text;

    private string Slice(Syntax syntax) => Text.Substring(syntax.Offset, syntax.Length);

    private bool? Run(Syntax syntax, TFacts facts) => ((Func<TFacts, bool?>)_nodes[syntax].Compiled)(facts);

    private string Show(Syntax syntax, TFacts facts)
    {
        var (type, compiled) = _nodes[syntax];
        var value = type switch
        {
            FactType.Number => FormatNumber(((Func<TFacts, double?>)compiled)(facts)),
            FactType.Boolean => ((Func<TFacts, bool?>)compiled)(facts) is { } b ? (b ? "true" : "false") : null,
            FactType.Date => ((Func<TFacts, DateOnly?>)compiled)(facts)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            FactType.Text => ((Func<TFacts, string?>)compiled)(facts) is { } t ? "\"" + t + "\"" : null,
            _ => ((Func<TFacts, IReadOnlySet<string>?>)compiled)(facts) is { } set ? ShowSet(set) : null,
        };
        var shown = value ?? "unknown";
        return syntax is FactReference reference ? $"{reference.Name} = {shown}" : shown;
    }

    private static string ShowSet(IReadOnlySet<string> set)
    {
        var shown = "[" + string.Join(", ", set.Order(StringComparer.Ordinal)) + "]";
        return set is IUncertainTextSet { Undetermined.Count: > 0 } uncertain
            ? shown + " (undetermined: " + string.Join(", ", uncertain.Undetermined.Order(StringComparer.Ordinal)) + ")"
            : shown;
    }

    private static string? FormatNumber(double? value) => value?.ToString("#,0.###", CultureInfo.InvariantCulture);

    private static IEnumerable<Syntax> Walk(Syntax syntax)
    {
        yield return syntax;
        var children = syntax switch
        {
            Unary u => [u.Operand],
            Binary b => [b.Left, b.Right],
            Call c => c.Arguments,
            ListLiteral l => l.Items,
            _ => ImmutableArray<Syntax>.Empty,
        };
        foreach (var child in children)
        {
            foreach (var descendant in Walk(child))
            {
                yield return descendant;
            }
        }
    }
}
