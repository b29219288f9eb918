using System.Linq.Expressions;
using System.Reflection;

namespace Clearance.Core.Expressions;

/// <summary>
/// Compiles a type-checked condition into one <see cref="System.Linq.Expressions"/> lambda: fact reads are inlined from
/// the schema's expressions, and the three-valued logic runs on integers (0 false, 1 true, 2 unknown) in straight-line
/// code, so evaluating a condition makes no delegate call per node and allocates nothing. Its results are the same as
/// the per-node delegates <see cref="ExpressionCompiler{TFacts}"/> builds, which explanations keep using.
/// </summary>
internal sealed class LambdaCompiler<TFacts>(FactSchema<TFacts> schema, IReadOnlyDictionary<Syntax, (FactType Type, Delegate Compiled)> types)
{
    private const int False = 0;
    private const int True = 1;
    private const int Unknown = 2;

    /// <summary>Constant lists up to this size are tested with unrolled comparisons instead of a set lookup.</summary>
    private const int UnrolledListSize = 8;

    private static readonly MethodInfo EqualsIgnoringCase = typeof(string).GetMethod(nameof(string.Equals), [typeof(string), typeof(string), typeof(StringComparison)])!;
    private static readonly MethodInfo StartsWithIgnoringCase = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string), typeof(StringComparison)])!;
    private static readonly MethodInfo HasMethod = typeof(TextSetLogic).GetMethod(nameof(TextSetLogic.Has))!;
    private static readonly MethodInfo IntersectsMethod = typeof(TextSetLogic).GetMethod(nameof(TextSetLogic.Intersects))!;
    private static readonly MethodInfo IntersectsCertainMethod = typeof(TextSetLogic).GetMethod(nameof(TextSetLogic.IntersectsCertain))!;
    private static readonly MethodInfo ContainsMethod = typeof(IReadOnlySet<string>).GetMethod(nameof(IReadOnlySet<string>.Contains))!;

    private readonly ParameterExpression _facts = Expression.Parameter(typeof(TFacts), "facts");

    /// <summary>
    /// The condition as one lambda whose second argument marks conjuncts (bit k: <see cref="Conjuncts"/>[k]) already
    /// known to be true, which it then does not evaluate.
    /// </summary>
    public Func<TFacts, uint, bool?> Condition(Syntax syntax)
    {
        var settled = Expression.Parameter(typeof(uint), "settled");
        Expression? all = null;
        var conjuncts = Conjuncts(syntax);
        for (var k = 0; k < conjuncts.Count; k++)
        {
            var logic = Logic(conjuncts[k]);
            var conjunct = k >= MaskBits ? logic : Expression.Condition(
                Expression.NotEqual(Expression.And(settled, Expression.Constant(1u << k)), Expression.Constant(0u)),
                Expression.Constant(True),
                logic);
            all = all is null ? conjunct : Junction(true, all, conjunct);
        }

        var result = Expression.Variable(typeof(int), "result");
        var body = Expression.Block(
            [result],
            Expression.Assign(result, all!),
            Expression.Condition(
                Expression.Equal(result, Expression.Constant(Unknown)),
                Expression.Constant(null, typeof(bool?)),
                Expression.Convert(Expression.Equal(result, Expression.Constant(True)), typeof(bool?))));
        return Expression.Lambda<Func<TFacts, uint, bool?>>(body, _facts, settled).Compile();
    }

    /// <summary>How many conjuncts a settled mask can mark.</summary>
    public const int MaskBits = 32;

    /// <summary>The operands of a condition's top-level chain of <c>and</c>, in reading order (the condition itself if none).</summary>
    public static List<Syntax> Conjuncts(Syntax syntax)
    {
        var conjuncts = new List<Syntax>();
        Collect(syntax);
        return conjuncts;

        void Collect(Syntax node)
        {
            if (node is Binary { Operator: "and" } and)
            {
                Collect(and.Left);
                Collect(and.Right);
            }
            else
            {
                conjuncts.Add(node);
            }
        }
    }

    public Func<TFacts, double?> Number(Syntax syntax) =>
        Expression.Lambda<Func<TFacts, double?>>(Value(syntax), _facts).Compile();

    /// <summary>A Boolean node as an int: 0 false, 1 true, 2 unknown.</summary>
    private Expression Logic(Syntax syntax)
    {
        switch (syntax)
        {
            case BooleanLiteral b:
                return Expression.Constant(b.Value ? True : False);
            case FactReference:
                return FromNullable(Value(syntax));
            case Unary { Operator: "not" } not:
                return Negate(Logic(not.Operand));
            case Binary { Operator: "and" or "or" } junction:
                return Junction(junction.Operator == "and", Logic(junction.Left), Logic(junction.Right));
            case Binary { Operator: "in" or "not in" } membership:
            {
                var test = Membership(membership.Left, membership.Right);
                return membership.Operator == "in" ? test : Negate(test);
            }

            case Binary comparison:
                return Comparison(comparison);
            case Call { Function: "known" } known:
            {
                var value = Value(known.Arguments[0]);
                return Expression.Condition(Expression.NotEqual(value, Expression.Constant(null, value.Type)), Expression.Constant(True), Expression.Constant(False));
            }

            case Call { Function: "starts_with" } startsWith:
                return BothKnown(startsWith.Arguments[0], startsWith.Arguments[1], (text, prefix) =>
                    AsLogic(Expression.Call(text, StartsWithIgnoringCase, prefix, Expression.Constant(StringComparison.OrdinalIgnoreCase))));
            case Call { Function: "intersects" } intersects:
                return Intersects(intersects.Arguments[0], intersects.Arguments[1]);
            default:
                throw new InvalidOperationException($"Not a true/false expression: {syntax}");
        }
    }

    /// <summary>
    /// Kleene's and/or with short circuits: <c>false and x</c> is false and <c>true or x</c> is true without evaluating x;
    /// otherwise both unknown-free operands decide, and any unknown left makes the result unknown.
    /// </summary>
    private static BlockExpression Junction(bool isAnd, Expression leftLogic, Expression rightLogic)
    {
        var decisive = Expression.Constant(isAnd ? False : True);
        var left = Expression.Variable(typeof(int), "left");
        var right = Expression.Variable(typeof(int), "right");

        // Neither side decisive: both are the other certain value, or at least one is unknown.
        var bothOther = Expression.Constant(isAnd ? 2 * True : 2 * False);
        return Expression.Block(
            [left, right],
            Expression.Assign(left, leftLogic),
            Expression.Condition(
                Expression.Equal(left, decisive),
                decisive,
                Expression.Block(
                    Expression.Assign(right, rightLogic),
                    Expression.Condition(
                        Expression.Equal(right, decisive),
                        decisive,
                        Expression.Condition(
                            Expression.Equal(Expression.Add(left, right), bothOther),
                            Expression.Constant(isAnd ? True : False),
                            Expression.Constant(Unknown))))));
    }

    private BlockExpression Membership(Syntax element, Syntax set)
    {
        if (ConstantSet(set) is { } constant)
        {
            return Known(Value(element), e => ConstantMembership(e, constant));
        }

        return BothKnown(element, set, (e, s) => FromNullable(Expression.Call(HasMethod, s, e)));
    }

    private Expression Intersects(Syntax left, Syntax right)
    {
        // A written list against a certain constant set: the answer depends on nothing.
        if (ConstantSet(left) is { } constantLeft && ConstantSet(right) is { } constantRight)
        {
            return Expression.Constant(constantLeft.Overlaps(constantRight) ? True : False);
        }

        // A fact's set against a constant group: walk the (small) fact set and look each member up in the group.
        if (ConstantSet(right) is { Count: > UnrolledListSize } || ConstantSet(left) is { Count: > UnrolledListSize })
        {
            var (set, group) = ConstantSet(right) is { Count: > UnrolledListSize } ? (left, right) : (right, left);
            return BothKnown(set, group, (s, g) => FromNullable(Expression.Call(IntersectsCertainMethod, s, g)));
        }

        return BothKnown(left, right, (l, r) => FromNullable(Expression.Call(IntersectsMethod, l, r)));
    }

    /// <summary>Certain membership in a set known when the condition compiles: unrolled for short lists.</summary>
    private static Expression ConstantMembership(Expression element, IReadOnlySet<string> set)
    {
        if (set.Count <= UnrolledListSize)
        {
            Expression? any = null;
            foreach (var item in set.Order(StringComparer.Ordinal))
            {
                var equal = Expression.Call(EqualsIgnoringCase, element, Expression.Constant(item), Expression.Constant(StringComparison.OrdinalIgnoreCase));
                any = any is null ? equal : Expression.OrElse(any, equal);
            }

            return any is null ? Expression.Constant(False) : AsLogic(any);
        }

        return AsLogic(Expression.Call(Expression.Constant(set, typeof(IReadOnlySet<string>)), ContainsMethod, element));
    }

    private BlockExpression Comparison(Binary comparison)
    {
        var type = types[comparison.Left].Type;
        var op = comparison.Operator;
        return type switch
        {
            FactType.Text => BothKnown(comparison.Left, comparison.Right, (l, r) =>
            {
                var equal = AsLogic(Expression.Call(EqualsIgnoringCase, l, r, Expression.Constant(StringComparison.OrdinalIgnoreCase)));
                return op == "==" ? equal : Negate(equal);
            }),
            FactType.Boolean => BothKnown(comparison.Left, comparison.Right, (l, r) =>
            {
                var equal = AsLogic(Expression.Equal(Expression.Property(l, "Value"), Expression.Property(r, "Value")));
                return op == "==" ? equal : Negate(equal);
            }),
            _ => BothKnown(comparison.Left, comparison.Right, (l, r) =>
            {
                var underlying = Nullable.GetUnderlyingType(l.Type)!;
                var compared = Expression.Call(
                    Expression.Call(l, l.Type.GetMethod(nameof(Nullable<int>.GetValueOrDefault), Type.EmptyTypes)!),
                    underlying.GetMethod(nameof(IComparable<int>.CompareTo), [underlying])!,
                    Expression.Call(r, r.Type.GetMethod(nameof(Nullable<int>.GetValueOrDefault), Type.EmptyTypes)!));
                var zero = Expression.Constant(0);
                Expression test = op switch
                {
                    "==" => Expression.Equal(compared, zero),
                    "!=" => Expression.NotEqual(compared, zero),
                    "<" => Expression.LessThan(compared, zero),
                    "<=" => Expression.LessThanOrEqual(compared, zero),
                    ">" => Expression.GreaterThan(compared, zero),
                    _ => Expression.GreaterThanOrEqual(compared, zero),
                };
                return AsLogic(test);
            }),
        };
    }

    /// <summary>A value node in its schema type: double?, bool?, DateOnly?, string or IReadOnlySet&lt;string&gt;; null is unknown.</summary>
    private Expression Value(Syntax syntax)
    {
        switch (syntax)
        {
            case NumberLiteral n:
                return Expression.Constant(n.Value, typeof(double?));
            case TextLiteral t:
                return Expression.Constant(t.Value, typeof(string));
            case DateLiteral d:
                return Expression.Constant(d.Value, typeof(DateOnly?));
            case BooleanLiteral b:
                return Expression.Constant(b.Value, typeof(bool?));
            case ListLiteral:
                return Expression.Constant(types[syntax].Compiled.DynamicInvoke([null]), typeof(IReadOnlySet<string>));
            case FactReference reference:
            {
                var read = schema.Facts[reference.Name].Read;
                return new Substitution(read.Parameters[0], _facts).Visit(read.Body);
            }

            case Unary { Operator: "-" } negate:
                return Expression.Negate(Value(negate.Operand));
            case Binary { Operator: "+" or "-" or "*" } arithmetic:
            {
                var left = Value(arithmetic.Left);
                var right = Value(arithmetic.Right);
                return arithmetic.Operator switch
                {
                    "+" => Expression.Add(left, right),
                    "-" => Expression.Subtract(left, right),
                    _ => Expression.Multiply(left, right),
                };
            }

            case Binary { Operator: "/" } division:
            {
                // Division by zero is unknown, as in the per-node delegates.
                var divisor = Expression.Variable(typeof(double?), "divisor");
                return Expression.Block(
                    [divisor],
                    Expression.Assign(divisor, Value(division.Right)),
                    Expression.Condition(
                        Expression.Equal(divisor, Expression.Constant(0.0, typeof(double?))),
                        Expression.Constant(null, typeof(double?)),
                        Expression.Divide(Value(division.Left), divisor)));
            }

            case Call { Function: "min" or "max" } call:
            {
                var method = typeof(Math).GetMethod(call.Function == "max" ? nameof(Math.Max) : nameof(Math.Min), [typeof(double), typeof(double)])!;
                return BothValues(call.Arguments[0], call.Arguments[1], (l, r) => Expression.Convert(
                    Expression.Call(method, Expression.Property(l, "Value"), Expression.Property(r, "Value")), typeof(double?)), Expression.Constant(null, typeof(double?)));
            }

            default:
                // Boolean-valued nodes used as values (flag == (tpp > 1)): back to bool?.
                var logic = Expression.Variable(typeof(int), "logic");
                return Expression.Block(
                    [logic],
                    Expression.Assign(logic, Logic(syntax)),
                    Expression.Condition(
                        Expression.Equal(logic, Expression.Constant(Unknown)),
                        Expression.Constant(null, typeof(bool?)),
                        Expression.Convert(Expression.Equal(logic, Expression.Constant(True)), typeof(bool?))));
        }
    }

    /// <summary>The set when the node is a written list or a constant parameter of certain members.</summary>
    private IReadOnlySet<string>? ConstantSet(Syntax syntax) =>
        Value(syntax) is ConstantExpression { Value: IReadOnlySet<string> set } && set is not IUncertainTextSet ? set : null;

    private BlockExpression BothKnown(Syntax left, Syntax right, Func<Expression, Expression, Expression> test) =>
        BothValues(left, right, test, Expression.Constant(Unknown));

    /// <summary>Evaluates both sides once; <paramref name="body"/> sees them known (not null), else <paramref name="unknown"/>.</summary>
    private BlockExpression BothValues(Syntax left, Syntax right, Func<Expression, Expression, Expression> body, Expression unknown)
    {
        var l = Value(left);
        var r = Value(right);
        var leftValue = Expression.Variable(l.Type, "l");
        var rightValue = Expression.Variable(r.Type, "r");
        return Expression.Block(
            [leftValue, rightValue],
            Expression.Assign(leftValue, l),
            Expression.Assign(rightValue, r),
            Expression.Condition(
                Expression.AndAlso(IsKnown(leftValue), IsKnown(rightValue)),
                body(leftValue, rightValue),
                unknown));
    }

    private static BlockExpression Known(Expression value, Func<Expression, Expression> test)
    {
        var variable = Expression.Variable(value.Type, "value");
        return Expression.Block(
            [variable],
            Expression.Assign(variable, value),
            Expression.Condition(IsKnown(variable), test(variable), Expression.Constant(Unknown)));
    }

    private static BinaryExpression IsKnown(Expression value) => Expression.NotEqual(value, Expression.Constant(null, value.Type));

    private static ConditionalExpression AsLogic(Expression test) => Expression.Condition(test, Expression.Constant(True), Expression.Constant(False));

    private static BlockExpression Negate(Expression logic)
    {
        var value = Expression.Variable(typeof(int), "negated");
        return Expression.Block(
            [value],
            Expression.Assign(value, logic),
            Expression.Condition(Expression.Equal(value, Expression.Constant(Unknown)), value, Expression.ExclusiveOr(value, Expression.Constant(1))));
    }

    private static BlockExpression FromNullable(Expression nullableBoolean)
    {
        var value = Expression.Variable(typeof(bool?), "answer");
        return Expression.Block(
            [value],
            Expression.Assign(value, nullableBoolean),
            Expression.Condition(
                Expression.Property(value, "HasValue"),
                AsLogic(Expression.Property(value, "Value")),
                Expression.Constant(Unknown)));
    }

    /// <summary>Replaces a fact read's own parameter with the condition's.</summary>
    private sealed class Substitution(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
