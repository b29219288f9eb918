using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Clearance.Core.Parsing;

/// <summary>
/// Reads the fields of one YAML mapping strictly: every problem is collected with its file, line, column and
/// field path; keys the reader did not ask for are reported as unknown, so that a typo never silently drops a figure.
/// YAML is a superset of JSON, so the same reader serves JSON files with exact positions.
/// </summary>
public sealed class YamlFields
{
    private readonly YamlMappingNode _node;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public YamlFields(YamlMappingNode node, string file, string path, ICollection<Problem> problems)
    {
        _node = node;
        File = file;
        Path = path;
        Problems = problems;
    }

    public string File { get; }

    /// <summary>The dotted path of this mapping from the document root, for messages.</summary>
    public string Path { get; }

    public ICollection<Problem> Problems { get; }

    public SourceLocation Location => LocationOf(_node, File);

    /// <summary>Parses a whole text into its root node, or reports why it is not YAML at all.</summary>
    public static YamlNode? LoadRoot(string file, string text, ICollection<Problem> problems)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            problems.Add(new Problem(new SourceLocation(file, (int)ex.Start.Line, (int)ex.Start.Column), "", "not valid YAML/JSON: " + FirstLine(ex.Message)));
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            problems.Add(new Problem(SourceLocation.StartOf(file), "", "the file is empty"));
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            problems.Add(new Problem(LocationOf(stream.Documents[1].RootNode, file), "", "the file holds more than one YAML document; put everything in one"));
            return null;
        }

        return stream.Documents[0].RootNode;
    }

    /// <summary>
    /// Parses a whole text whose root must be a mapping; anything else is reported with <paramref name="expected"/>
    /// (what the file should hold) and yields null.
    /// </summary>
    public static YamlFields? LoadMapping(string file, string text, string expected, ICollection<Problem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (LoadRoot(file, text, problems) is not { } root)
        {
            return null;
        }

        if (root is YamlMappingNode mapping)
        {
            return new YamlFields(mapping, file, "", problems);
        }

        problems.Add(new Problem(LocationOf(root, file), "", $"the file must be a mapping: {expected}"));
        return null;
    }

    public static SourceLocation LocationOf(YamlNode node, string file) => new(file, (int)node.Start.Line, (int)node.Start.Column);

    /// <summary>The same mapping reported under another path (for example once its id is known).</summary>
    public YamlFields WithPath(string path) => new(_node, File, path, Problems);

    public string FieldPath(string key) => string.IsNullOrEmpty(Path) ? key : Path + "." + key;

    public void Report(string key, string message) => Problems.Add(new Problem(LocationOf(NodeOrSelf(key), File), FieldPath(key), message));

    public void Report(YamlNode node, string field, string message) => Problems.Add(new Problem(LocationOf(node, File), field, message));

    public bool Has(string key) => TryGet(key, out _);

    public YamlNode? Node(string key) => TryGet(key, out var node) ? node : null;

    public string? Text(string key, bool required)
    {
        if (!TryGet(key, out var node))
        {
            if (required)
            {
                Report(key, "is required");
            }

            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            if (IsNull(scalar))
            {
                if (required)
                {
                    Report(key, "is required and may not be null");
                }

                return null;
            }

            var value = scalar.Value!.Trim();
            if (value.Length == 0 && required)
            {
                Report(key, "may not be empty");
                return null;
            }

            return value;
        }

        Report(key, "must be a single value, not a list or mapping");
        return null;
    }

    public DateOnly? Date(string key, bool required)
    {
        var text = Text(key, required);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Report(key, $"'{Clip(text)}' is not a date; write YYYY-MM-DD");
        return null;
    }

    public double? Number(string key, bool required) => Text(key, required) is { } text ? ParseNumber(key, text) : null;

    public double? ParseNumber(string key, string text)
    {
        if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value))
        {
            return value;
        }

        Report(key, $"'{Clip(text)}' is not a number; write plain digits such as 1979 or 494.7 (no thousands separators or units)");
        return null;
    }

    public IReadOnlyList<string> StringList(string key)
    {
        if (!TryGet(key, out var node) || node is YamlScalarNode s && IsNull(s))
        {
            return [];
        }

        if (node is YamlScalarNode single)
        {
            return [single.Value!.Trim()];
        }

        if (node is not YamlSequenceNode sequence)
        {
            Report(key, "must be a list of values");
            return [];
        }

        var items = new List<string>();
        foreach (var item in sequence)
        {
            if (item is YamlScalarNode scalar && !IsNull(scalar) && scalar.Value!.Trim().Length > 0)
            {
                items.Add(scalar.Value!.Trim());
            }
            else
            {
                Report(item, FieldPath(key), "every item must be a non-empty value");
            }
        }

        return items;
    }

    /// <summary>The items of a list of mappings; items that are not mappings are reported and skipped.</summary>
    public IEnumerable<(YamlFields Fields, int Index)> Mappings(string key, bool required)
    {
        if (!TryGet(key, out var node))
        {
            if (required)
            {
                Report(key, "is required");
            }

            yield break;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Report(key, "must be a list");
            yield break;
        }

        var index = 0;
        foreach (var item in sequence)
        {
            var path = $"{FieldPath(key)}[{index}]";
            if (item is YamlMappingNode mapping)
            {
                yield return (new YamlFields(mapping, File, path, Problems), index);
            }
            else
            {
                Report(item, path, "must be a mapping of fields");
            }

            index++;
        }
    }

    /// <summary>A nested mapping, or null (reported when it has another shape).</summary>
    public YamlFields? Mapping(string key, bool required)
    {
        if (!TryGet(key, out var node))
        {
            if (required)
            {
                Report(key, "is required");
            }

            return null;
        }

        if (node is YamlMappingNode mapping)
        {
            return new YamlFields(mapping, File, FieldPath(key), Problems);
        }

        Report(key, "must be a mapping of fields");
        return null;
    }

    /// <summary>The keys present, in document order.</summary>
    public IEnumerable<string> Keys => _node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "");

    /// <summary>Reports every key that no accessor asked for; call once all fields are read.</summary>
    public void RejectUnknownKeys(params string[] allowed)
    {
        var expected = string.Join(", ", allowed);
        foreach (var key in _node.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!_read.Contains(name) && Array.IndexOf(allowed, name) < 0)
            {
                Problems.Add(new Problem(LocationOf(key, File), FieldPath(name), $"unknown field; expected one of: {expected}"));
            }
        }
    }

    public static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    public static string Clip(string text) => text.Length <= 60 ? text : text[..57] + "...";

    private bool TryGet(string key, out YamlNode node)
    {
        _read.Add(key);
        return _node.Children.TryGetValue(new YamlScalarNode(key), out node!);
    }

    private YamlNode NodeOrSelf(string key) =>
        _node.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : _node;

    private static string FirstLine(string message)
    {
        var index = message.IndexOf('\n', StringComparison.Ordinal);
        return index < 0 ? message : message[..index];
    }
}
