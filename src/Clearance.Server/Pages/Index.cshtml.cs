using Clearance.Core.Catalog;
using Clearance.Core.Classification;
using Clearance.Server.Classification;
using Clearance.Server.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearance.Server.Pages;

/// <summary>How a chip stands on a date, for the overview chart.</summary>
public enum ControlStatus
{
    Controlled,
    LicenceTrigger,
    Undetermined,
    NotControlled,
}

/// <summary>One bar of the overview chart.</summary>
public sealed record ChipStanding(Accelerator Chip, double Tpp, ControlStatus Status, IReadOnlyList<string> Designations);

/// <summary>The overview: every catalogued chip by TPP, coloured by how US rules treat it on the chosen date.</summary>
public sealed class IndexModel(ReferenceData reference, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? AsOf { get; set; }

    public DateOnly Date { get; private set; }

    public string? DateError { get; private set; }

    public IReadOnlyList<ChipStanding> Standings { get; private set; } = [];

    public int UnknownTppCount { get; private set; }

    public IReadOnlyList<string> RegimeLabels { get; private set; } = [];

    public void OnGet()
    {
        var parsed = ClassificationApi.ParseDate(string.IsNullOrWhiteSpace(AsOf) ? null : AsOf, clock);
        if (parsed is null)
        {
            DateError = $"'{AsOf}' is not a date; write YYYY-MM-DD. Showing today instead.";
        }

        Date = parsed ?? ClassificationApi.ParseDate(null, clock)!.Value;
        var standings = new List<ChipStanding>();
        foreach (var chip in reference.Catalog.Accelerators)
        {
            var figures = PerformanceFigures.Of(chip);
            if (figures.Tpp is not { } tpp)
            {
                UnknownTppCount++;
                continue;
            }

            var results = reference.Classify(chip, Date);
            var fired = results.SelectMany(r => r.Designations).ToList();
            var status = fired.Any(d => d.Rule.Kind == DesignationKind.ExportControlEntry) ? ControlStatus.Controlled
                : fired.Any(d => d.Rule.Kind == DesignationKind.LicenceTrigger) ? ControlStatus.LicenceTrigger
                : results.Any(r => r.Undetermined.Any(u => u.Rule.Kind is DesignationKind.ExportControlEntry or DesignationKind.LicenceTrigger)) ? ControlStatus.Undetermined
                : ControlStatus.NotControlled;
            standings.Add(new ChipStanding(chip, tpp.Value, status, [.. fired.Select(d => d.Rule.Designation)]));
        }

        Standings = [.. standings.OrderByDescending(s => s.Tpp).ThenBy(s => s.Chip.Id, StringComparer.Ordinal)];
        RegimeLabels = [.. reference.RuleSets.Select(r => r.RegimeOn(Date).Label)];
    }

    public static string Colour(ControlStatus status) => status switch
    {
        ControlStatus.Controlled => "#b3261e",
        ControlStatus.LicenceTrigger => "#d9822b",
        ControlStatus.Undetermined => "#e3b341",
        _ => "#1a7f37",
    };

    public static string Label(ControlStatus status) => status switch
    {
        ControlStatus.Controlled => "3A090 controlled",
        ControlStatus.LicenceTrigger => "licence trigger only",
        ControlStatus.Undetermined => "undetermined (figures unknown)",
        _ => "not controlled",
    };
}
