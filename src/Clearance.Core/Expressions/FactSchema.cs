using System.Collections.Immutable;
using System.Linq.Expressions;

namespace Clearance.Core.Expressions;

/// <summary>
/// One fact a condition can name: its type, what it means, its unit, and how to read it from the facts — as an
/// expression (<see cref="Read"/>), which whole-condition compilation inlines, and compiled (<see cref="Accessor"/>).
/// </summary>
public sealed record FactDefinition(string Name, FactType Type, string Description, string? Unit, LambdaExpression Read)
{
    public Delegate Accessor { get; } = Read.Compile();
}

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

    public FactSchema<TFacts> Number(string name, Expression<Func<TFacts, double?>> read, string description, string? unit = null) =>
        With(new FactDefinition(name, FactType.Number, description, unit, read));

    public FactSchema<TFacts> Boolean(string name, Expression<Func<TFacts, bool?>> read, string description) =>
        With(new FactDefinition(name, FactType.Boolean, description, null, read));

    public FactSchema<TFacts> Text(string name, Expression<Func<TFacts, string?>> read, string description) =>
        With(new FactDefinition(name, FactType.Text, description, null, read));

    public FactSchema<TFacts> Date(string name, Expression<Func<TFacts, DateOnly?>> read, string description) =>
        With(new FactDefinition(name, FactType.Date, description, null, read));

    /// <summary>A set of texts; membership ignores case, so the accessor's sets should use an ordinal-ignore-case comparer.</summary>
    public FactSchema<TFacts> TextSet(string name, Expression<Func<TFacts, IReadOnlySet<string>?>> read, string description) =>
        With(new FactDefinition(name, FactType.TextSet, description, null, read));

    /// <summary>A fact whose value is the same for all facts (a pack parameter): conditions test against it as a constant.</summary>
    public FactSchema<TFacts> Constant(string name, double number, string description) =>
        With(new FactDefinition(name, FactType.Number, description, null, ConstantRead<double?>(number)));

    /// <summary>A list of texts that is the same for all facts (a pack parameter); membership ignores case.</summary>
    public FactSchema<TFacts> Constant(string name, IReadOnlySet<string> texts, string description) =>
        With(new FactDefinition(name, FactType.TextSet, description, null, ConstantRead<IReadOnlySet<string>?>(texts)));

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

            return (new Condition<TFacts>(text, syntax, new LambdaCompiler<TFacts>(this, compiler.CompiledNodes).Condition(syntax), compiler.CompiledNodes), null);
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
            var compiler = new ExpressionCompiler<TFacts>(this);
            var (type, _) = compiler.Compile(syntax);
            return type == FactType.Number
                ? (new LambdaCompiler<TFacts>(this, compiler.CompiledNodes).Number(syntax), null)
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

    private static Expression<Func<TFacts, T>> ConstantRead<T>(T value) =>
        Expression.Lambda<Func<TFacts, T>>(Expression.Constant(value, typeof(T)), Expression.Parameter(typeof(TFacts), "facts"));

    private FactSchema<TFacts> With(FactDefinition fact)
    {
        if (_facts.ContainsKey(fact.Name))
        {
            throw new ArgumentException($"The fact '{fact.Name}' is defined twice.", nameof(fact));
        }

        return new FactSchema<TFacts>(_facts.Add(fact.Name, fact));
    }
}
