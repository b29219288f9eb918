using Clearance.Core.Catalog;
using Clearance.Core.Classification;
using Clearance.Core.Parsing;
using Clearance.Server.Classification;
using Clearance.Server.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearance.Server.Pages;

/// <summary>Classify a catalog chip, or a chip described in a pasted spec, on any date, with every rule's reason.</summary>
public sealed class ClassifyModel(ReferenceData reference, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Chip { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? AsOf { get; set; }

    [BindProperty]
    public string? Spec { get; set; }

    public IReadOnlyList<Accelerator> Chips => reference.Catalog.Accelerators;

    public Accelerator? Accelerator { get; private set; }

    public PerformanceFigures? Figures { get; private set; }

    public IReadOnlyList<ChipClassification> Results { get; private set; } = [];

    public DateOnly Date { get; private set; }

    public List<string> Errors { get; } = [];

    public IReadOnlyList<Problem> SpecProblems { get; private set; } = [];

    public AcceleratorCatalog Catalog => reference.Catalog;

    public void OnGet()
    {
        if (!ReadDate())
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(Chip))
        {
            return;
        }

        if (reference.Catalog.Find(Chip) is not { } chip)
        {
            var suggestions = reference.Catalog.Suggest(Chip);
            Errors.Add(suggestions.Count > 0 ? $"Unknown chip '{Chip}'. Did you mean: {string.Join(", ", suggestions)}?" : $"Unknown chip '{Chip}'.");
            return;
        }

        Show(chip);
    }

    public void OnPost()
    {
        if (!ReadDate())
        {
            return;
        }

        var parsed = CatalogParser.ParseSpec(new SourceText("spec", Spec ?? ""));
        if (!parsed.Succeeded)
        {
            SpecProblems = parsed.Problems;
            Errors.Add("The spec is not valid; nothing was classified.");
            return;
        }

        Show(parsed.Value);
    }

    public static string OutcomeClass(RuleOutcome outcome) => outcome switch
    {
        { SupersededBy: not null } => "superseded",
        { Fired: true } => "applies",
        { Fired: false } => "not-applies",
        _ => "undetermined",
    };

    public static string OutcomeText(RuleOutcome outcome) => outcome switch
    {
        { SupersededBy: not null } => "superseded",
        { Fired: true } => "applies",
        { Fired: false } => "does not apply",
        _ => "undetermined",
    };

    private bool ReadDate()
    {
        var date = ClassificationApi.ParseDate(string.IsNullOrWhiteSpace(AsOf) ? null : AsOf, clock);
        if (date is null)
        {
            Errors.Add($"'{AsOf}' is not a date; write YYYY-MM-DD.");
            Date = ClassificationApi.ParseDate(null, clock)!.Value;
            return false;
        }

        Date = date.Value;
        return true;
    }

    private void Show(Accelerator chip)
    {
        Accelerator = chip;
        Figures = PerformanceFigures.Of(chip);
        Results = reference.Classify(chip, Date);
    }
}
