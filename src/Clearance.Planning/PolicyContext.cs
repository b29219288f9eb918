using System.Collections.Immutable;
using System.Globalization;
using Clearance.Core.Catalog;
using Clearance.Core.Classification;

namespace Clearance.Planning;

/// <summary>
/// Whether the buyer may take one chip on the date, and why in one line, with any duty due on top of the price
/// (a percentage; 0 when none). Domestic chips are not imports.
/// </summary>
public sealed record ImportRuling(string ChipId, bool IsDomestic, bool MayUse, string Reason, decimal DutyPercent = 0, string? DutyReason = null);

/// <summary>
/// What the policy side says for one buyer on one date: per chip whether it may be imported and why, the import quota
/// left (accelerator units; null when no quota applies) and the floor on the domestic share of accelerator units.
/// The planner takes this as input; <see cref="DefaultPolicy"/> derives it until the policy engine supplies it.
/// </summary>
public sealed record PolicyContext(
    DateOnly AsOf,
    string Sector,
    ImmutableSortedDictionary<string, ImportRuling> Permissions,
    long? ImportQuotaUnits,
    double DomesticShareFloor,
    string DerivedBy)
{
    public ImportRuling RulingFor(string chipId) =>
        Permissions.TryGetValue(chipId, out var permission)
            ? permission
            : new ImportRuling(chipId, IsDomestic: false, MayUse: false, "the policy context says nothing about this chip");
}

/// <summary>
/// The planner's default policy context, derived from what exists now: the catalog's design country (CN = domestic),
/// the US classification rule sets in force on the date (a chip with an export-control or licence-trigger designation
/// may be imported only inside a review window, such as the H200 case-by-case window), the sector rules of
/// data/planning/sectors.yaml (domestic chips only from a date) and the duties of data/planning/duties.yaml.
/// </summary>
public static class DefaultPolicy
{
    public const string Name = "default: catalog design country + US classification rule sets + sector rules + duties (until the policy engine lands)";

    public static PolicyContext Derive(
        AcceleratorCatalog catalog,
        IReadOnlyList<ClassificationRuleSet> ruleSets,
        PlanningData data,
        SectorRule sector,
        DateOnly asOf,
        long? importQuotaUnits,
        double domesticShareFloor)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(ruleSets);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(sector);
        var rulings = catalog.Accelerators.ToImmutableSortedDictionary(
            chip => chip.Id,
            chip => RulingFor(chip, ruleSets, data.Duties, sector, asOf),
            StringComparer.Ordinal);
        return new PolicyContext(asOf, sector.Id, rulings, importQuotaUnits, domesticShareFloor, Name);
    }

    public static ImportRuling RulingFor(Accelerator chip, IReadOnlyList<ClassificationRuleSet> ruleSets, IReadOnlyList<DutyRule> duties, SectorRule sector, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(chip);
        ArgumentNullException.ThrowIfNull(ruleSets);
        ArgumentNullException.ThrowIfNull(duties);
        ArgumentNullException.ThrowIfNull(sector);
        if (chip.IsChineseDesign)
        {
            return new ImportRuling(chip.Id, IsDomestic: true, MayUse: true, "domestic (designed in CN): not an import");
        }

        if (sector.IsDomesticOnlyOn(asOf))
        {
            return new ImportRuling(chip.Id, false, false, $"sector {sector.Id} may use domestic chips only from {Date(sector.DomesticOnlyFrom!.Value)} ({sector.Confidence.ToString().ToLowerInvariant()})");
        }

        var classifications = ruleSets.Select(set => Classifier.Classify(chip, asOf, set)).ToList();
        var designations = classifications.SelectMany(c => c.Designations).ToList();
        var window = designations.FirstOrDefault(d => d.Rule.Kind == DesignationKind.ReviewWindow);
        var controls = designations
            .Where(d => d.Rule.Kind is DesignationKind.ExportControlEntry or DesignationKind.LicenceTrigger)
            .Select(d => d.Rule.Designation)
            .ToList();
        var undetermined = classifications
            .SelectMany(c => c.Undetermined)
            .Where(o => o.Rule.Kind is DesignationKind.ExportControlEntry or DesignationKind.LicenceTrigger)
            .Select(o => o.Rule.Designation)
            .ToList();

        var due = duties.Where(d => designations.Any(x => x.Rule.Designation == d.Designation)).ToList();
        var dutyPercent = due.Sum(d => d.RatePercent);
        var dutyReason = due.Count == 0 ? null : string.Join(" + ", due.Select(d => $"{d.RatePercent.ToString("0.##", CultureInfo.InvariantCulture)}% {d.Designation}"));

        if (controls.Count > 0 && window is not null)
        {
            return new ImportRuling(chip.Id, false, true, $"US licence reviewed case by case: {string.Join(", ", controls)} inside the {window.Rule.Designation} (from {Date(window.Rule.EffectiveFrom)})", dutyPercent, dutyReason);
        }

        if (controls.Count > 0)
        {
            var windowUnknown = classifications.SelectMany(c => c.Undetermined).Any(o => o.Rule.Kind == DesignationKind.ReviewWindow);
            return new ImportRuling(chip.Id, false, false, $"US licence required, presumption of denial: {string.Join(", ", controls)}" +
                (windowUnknown ? " (whether a review window applies is undetermined: figures unknown)" : ""));
        }

        if (undetermined.Count > 0)
        {
            return new ImportRuling(chip.Id, false, false, $"cannot be cleared: figures unknown for {string.Join(", ", undetermined.Distinct())}");
        }

        return new ImportRuling(chip.Id, false, true, "no US licence requirement under the rules in force", dutyPercent, dutyReason);
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
