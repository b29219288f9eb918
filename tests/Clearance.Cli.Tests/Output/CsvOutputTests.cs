using Clearance.Cli.Output;

namespace Clearance.Cli.Tests.Output;

public sealed class CsvOutputTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-cmd", "'-cmd")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("Banco Nacional de Cuba", "Banco Nacional de Cuba")]
    [InlineData("a,b", "\"a,b\"")]
    public void WriteCsv_NeutralisesFormulasAndQuotesSeparators(string field, string expected)
    {
        using var writer = new StringWriter();

        Render.WriteCsv(writer, ["name"], [[field]]);

        Assert.Equal($"name{writer.NewLine}{expected}{writer.NewLine}", writer.ToString());
    }
}
