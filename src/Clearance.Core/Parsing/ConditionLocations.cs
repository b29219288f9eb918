using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Clearance.Core.Parsing;

/// <summary>Maps an offset inside a YAML scalar (such as a rule's condition) back to a line and column of its file.</summary>
public static class ConditionLocations
{
    public static SourceLocation Locate(YamlScalarNode scalar, string file, int offset)
    {
        ArgumentNullException.ThrowIfNull(scalar);
        var text = scalar.Value ?? "";
        offset = Math.Clamp(offset, 0, text.Length);
        var line = (int)scalar.Start.Line;
        var column = (int)scalar.Start.Column;
        var before = text[..offset];
        var newlines = before.Count(c => c == '\n');
        switch (scalar.Style)
        {
            case ScalarStyle.Literal or ScalarStyle.Folded:
                // The block's text starts on the line after its indicator, indented past the key.
                return new SourceLocation(file, line + 1 + newlines, column + 2 + (before.Length - before.LastIndexOf('\n') - 1));
            case ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted:
                return newlines == 0
                    ? new SourceLocation(file, line, column + 1 + offset)
                    : new SourceLocation(file, line + newlines, before.Length - before.LastIndexOf('\n'));
            default:
                return newlines == 0
                    ? new SourceLocation(file, line, column + offset)
                    : new SourceLocation(file, line + newlines, before.Length - before.LastIndexOf('\n'));
        }
    }
}
