using System.Collections.Immutable;
using Clearance.Core.Parsing;

namespace Clearance.Core.Classification;

/// <summary>Reads the `citations:` list every rule and data row carries: each with ref, optional url and note.</summary>
public static class CitationFields
{
    public static ImmutableArray<Citation> Read(YamlFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var citations = ImmutableArray.CreateBuilder<Citation>();
        foreach (var (citation, _) in fields.Mappings("citations", required: true))
        {
            var reference = citation.Text("ref", required: true);
            var url = citation.Text("url", required: false);
            Uri? uri = null;
            if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out uri))
            {
                citation.Report("url", $"'{YamlFields.Clip(url)}' is not an absolute URL");
            }

            var note = citation.Text("note", required: false);
            citation.RejectUnknownKeys("ref", "url", "note");
            if (reference is not null)
            {
                citations.Add(new Citation(reference, uri, note));
            }
        }

        if (citations.Count == 0 && fields.Has("citations"))
        {
            fields.Report("citations", "must cite at least one source");
        }

        return citations.ToImmutable();
    }
}
