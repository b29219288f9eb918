using System.Collections.Frozen;
using Clearance.Core.Expressions;
using Clearance.Core.Policy;
using CsCheck;

namespace Clearance.Core.Tests.Expressions;

public class UncertainTextSetTests
{
    private sealed record Facts(IReadOnlySet<string> Tags);

    private static readonly FactSchema<Facts> Schema = new FactSchema<Facts>().TextSet("tags", f => f.Tags, "tags");

    private static bool? Run(string condition, IReadOnlySet<string> tags)
    {
        var (compiled, error) = Schema.CompileCondition(condition);
        Assert.Null(error);
        return compiled!.Evaluate(new Facts(tags));
    }

    [Theory]
    [InlineData("\"a\" in tags", true)]
    [InlineData("\"b\" in tags", null)]
    [InlineData("\"c\" in tags", false)]
    [InlineData("\"b\" not in tags", null)]
    [InlineData("intersects(tags, [\"a\", \"x\"])", true)]
    [InlineData("intersects(tags, [\"b\", \"x\"])", null)]
    [InlineData("intersects(tags, [\"x\", \"y\"])", false)]
    [InlineData("intersects([\"b\"], tags)", null)]
    public void Membership_InAnUncertainSet_IsThreeValued(string condition, bool? expected)
    {
        var tags = new DesignationSet(["a"], ["b"]);

        var outcome = Run(condition, tags);

        Assert.Equal(expected, outcome);
    }

    [Theory]
    [InlineData("\"a\" in tags", true)]
    [InlineData("\"b\" in tags", false)]
    [InlineData("intersects(tags, [\"b\", \"A\"])", true)]
    [InlineData("intersects(tags, [\"b\"])", false)]
    public void Membership_InAPlainSet_KeepsTwoValuedBehaviour(string condition, bool expected)
    {
        var tags = new[] { "a" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

        var outcome = Run(condition, tags);

        Assert.Equal(expected, outcome);
    }

    [Fact]
    public void Intersects_AgreesWithTheDefinition_ForEveryKindOfSet()
    {
        var words = Gen.OneOf<string>(["a", "B", "c", "D", "e"]);
        Gen.Select(words.Array[0, 4], words.Array[0, 3], words.Array[0, 4], Gen.Int[0, 2]).Sample((certain, undetermined, other, kind) =>
        {
            var uncertain = new DesignationSet(certain, undetermined);
            IReadOnlySet<string> plain = kind switch
            {
                0 => new TextSet([.. other]),
                1 => other.ToFrozenSet(StringComparer.OrdinalIgnoreCase),
                _ => other.ToHashSet(StringComparer.OrdinalIgnoreCase),
            };
            // Definition: true when a certain member is shared; unknown when only an undetermined one may be; else false.
            var surely = certain.Any(plain.Contains);
            var maybe = undetermined.Any(plain.Contains);
            bool? expected = surely ? true : maybe ? null : false;

            return TextSetLogic.Intersects(uncertain, plain) == expected && TextSetLogic.Intersects(plain, uncertain) == expected;
        }, iter: 2000);
    }

    [Fact]
    public void Explain_ShowsTheUndeterminedMembers()
    {
        var (compiled, _) = Schema.CompileCondition("\"b\" in tags");

        var trace = compiled!.Explain(new Facts(new DesignationSet(["a"], ["b"])));

        Assert.Contains("undetermined: b", trace.Single().ToString(), StringComparison.Ordinal);
    }
}
