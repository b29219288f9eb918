using System.Collections.Immutable;

namespace Clearance.Core.Expressions;

/// <summary>The types a condition's values can have. Every fact may be unknown (three-valued logic).</summary>
public enum FactType
{
    Number,
    Boolean,
    Text,
    Date,

    /// <summary>A set of texts, such as the countries of an order's parties.</summary>
    TextSet,
}

/// <summary>A node of a parsed condition, with its span in the condition's text (0-based offset and length).</summary>
public abstract record Syntax(int Offset, int Length);

public sealed record NumberLiteral(double Value, int Offset, int Length) : Syntax(Offset, Length);

public sealed record TextLiteral(string Value, int Offset, int Length) : Syntax(Offset, Length);

public sealed record DateLiteral(DateOnly Value, int Offset, int Length) : Syntax(Offset, Length);

public sealed record BooleanLiteral(bool Value, int Offset, int Length) : Syntax(Offset, Length);

/// <summary>A list of texts written in brackets: ["CN", "MO"].</summary>
public sealed record ListLiteral(ImmutableArray<Syntax> Items, int Offset, int Length) : Syntax(Offset, Length);

public sealed record FactReference(string Name, int Offset, int Length) : Syntax(Offset, Length);

public sealed record Unary(string Operator, Syntax Operand, int Offset, int Length) : Syntax(Offset, Length);

public sealed record Binary(string Operator, Syntax Left, Syntax Right, int Offset, int Length) : Syntax(Offset, Length);

public sealed record Call(string Function, ImmutableArray<Syntax> Arguments, int Offset, int Length) : Syntax(Offset, Length);

/// <summary>A problem in a condition's text: where (0-based offset into the text) and what.</summary>
public sealed record ExpressionError(int Offset, int Length, string Message);
