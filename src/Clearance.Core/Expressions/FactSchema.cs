using System.Collections.Immutable;

namespace Clearance.Core.Expressions;

/// <summary>One fact a condition can name: its type, what it means, its unit, and how to read it from the facts.</summary>
public sealed record FactDefinition(string Name, FactType Type, string Description, string? Unit, Delegate Accessor);

/// <summary>
/// The facts that conditions over <typeparamref name="TFacts"/> may name, with their types. Conditions are
/// type-checked against it when a rule file loads and compiled to delegates, so evaluation does no parsing or lookup.
/// </summary>
public sealed class FactSchema<TFacts>
{
    private readonly ImmutableSortedDictionary<string, FactDefinition> _facts;

    public FactSchema() : this(ImmutableSortedDictionary<string, FactDefinition>.Empty.WithComparers(StringComparer.Ordinal))
    {
    }

    private FactSchema(ImmutableSortedDictionary<string, FactDefinition> facts) => _facts = facts;

    public IReadOnlyDictionary<string, FactDefinition> Facts => _facts;

    public FactSchema<TFacts> Number(string name, Func<TFacts, double?> read, string description, string? unit = null) =>
        With(new FactDefinition(name, FactType.Number, description, unit, read));

    public FactSchema<TFacts> Boolean(string name, Func<TFacts, bool?> read, string description) =>
        With(new FactDefinition(name, FactType.Boolean, description, null, read));

    public FactSchema<TFacts> Text(string name, Func<TFacts, string?> read, string description) =>
        With(new FactDefinition(name, FactType.Text, description, null, read));

    public FactSchema<TFacts> Date(string name, Func<TFacts, DateOnly?> read, string description) =>
        With(new FactDefinition(name, FactType.Date, description, null, read));

    /// <summary>A set of texts; membership ignores case, so the accessor's sets should use an ordinal-ignore-case comparer.</summary>
    public FactSchema<TFacts> TextSet(string name, Func<TFacts, IReadOnlySet<string>?> read, string description) =>
        With(new FactDefinition(name, FactType.TextSet, description, null, read));

    /// <summary>Parses, type-checks and compiles a condition (a Boolean expression).</summary>
    public (Condition<TFacts>? Condition, ExpressionError? Error) CompileCondition(string text)
    {
        var (syntax, error) = ExpressionParser.Parse(text);
        if (syntax is null)
        {
            return (null, error);
        }

        var compiler = new ExpressionCompiler<TFacts>(this);
        try
        {
            var (type, compiled) = compiler.Compile(syntax);
            if (type != FactType.Boolean)
            {
                return (null, new ExpressionError(syntax.Offset, syntax.Length, $"a condition must be true or false, but this is a {Describe(type)}"));
            }

            return (new Condition<TFacts>(text, syntax, (Func<TFacts, bool?>)compiled, compiler.CompiledNodes), null);
        }
        catch (ExpressionCompiler<TFacts>.CheckException ex)
        {
            return (null, ex.Error);
        }
    }

    /// <summary>Parses, type-checks and compiles a numeric expression, such as an amount.</summary>
    public (Func<TFacts, double?>? Expression, ExpressionError? Error) CompileNumber(string text)
    {
        var (syntax, error) = ExpressionParser.Parse(text);
        if (syntax is null)
        {
            return (null, error);
        }

        try
        {
            var (type, compiled) = new ExpressionCompiler<TFacts>(this).Compile(syntax);
            return type == FactType.Number
                ? ((Func<TFacts, double?>)compiled, null)
                : (null, new ExpressionError(syntax.Offset, syntax.Length, $"expected a number, but this is a {Describe(type)}"));
        }
        catch (ExpressionCompiler<TFacts>.CheckException ex)
        {
            return (null, ex.Error);
        }
    }

    internal static string Describe(FactType type) => type switch
    {
        FactType.Number => "number",
        FactType.Boolean => "true/false value",
        FactType.Text => "text",
        FactType.Date => "date",
        FactType.TextSet => "list of texts",
        _ => type.ToString(),
    };

    private FactSchema<TFacts> With(FactDefinition fact)
    {
        if (_facts.ContainsKey(fact.Name))
        {
            throw new ArgumentException($"The fact '{fact.Name}' is defined twice.", nameof(fact));
        }

        return new FactSchema<TFacts>(_facts.Add(fact.Name, fact));
    }
}
