using Clearance.Core.Catalog;
using Clearance.Core.Expressions;

namespace Clearance.Core.Classification;

/// <summary>The facts a classification rule's condition can name, read from one accelerator and its derived figures.</summary>
public sealed record ChipFacts(Accelerator Accelerator, PerformanceFigures Figures)
{
    /// <summary>The schema of classification conditions. docs/rule-language.md lists these facts.</summary>
    public static FactSchema<ChipFacts> Schema { get; } = new FactSchema<ChipFacts>()
        .Number("tpp", f => f.Figures.Tpp.HasValue ? f.Figures.Tpp.Value.Value : (double?)null, "Total Processing Performance: highest dense TOPS × bit length", "TPP")
        .Number("performance_density", f => f.Figures.PerformanceDensity.HasValue ? f.Figures.PerformanceDensity.Value.Value : (double?)null, "TPP ÷ applicable die area", "TPP/mm²")
        .Number("memory_bandwidth_gbps", f => f.Accelerator.MemoryBandwidth == null ? null : (double?)f.Accelerator.MemoryBandwidth.Value.Value, "DRAM bandwidth", "GB/s")
        .Number("interconnect_gbps", f => f.Accelerator.InterconnectBandwidth == null ? null : (double?)f.Accelerator.InterconnectBandwidth.Value.Value, "aggregate bidirectional chip-to-chip I/O bandwidth", "GB/s")
        .Number("memory_gb", f => f.Accelerator.MemoryCapacity == null ? null : (double?)f.Accelerator.MemoryCapacity.Value.Value, "memory capacity", "GB")
        .Number("die_area_mm2", f => f.Accelerator.DieArea == null ? null : (double?)f.Accelerator.DieArea.Value.Value, "applicable die area", "mm²")
        .Number("tdp_w", f => f.Accelerator.ThermalDesignPower == null ? null : (double?)f.Accelerator.ThermalDesignPower.Value.Value, "thermal design power", "W")
        .Text("market", f => f.Accelerator.Market == Market.Datacenter ? "datacenter" : "consumer", "how the chip is designed or marketed: datacenter or consumer")
        .Boolean("datacenter", f => f.Accelerator.Market == Market.Datacenter, "true when designed or marketed for data centres")
        .Boolean("hbm", f => f.Accelerator.MemoryType == null ? null : f.Accelerator.HasHighBandwidthMemory, "true when the chip carries high-bandwidth memory stacks")
        .Text("vendor", f => f.Accelerator.Vendor, "the chip's vendor")
        .Text("architecture", f => f.Accelerator.Architecture, "the chip's architecture (Hopper, Blackwell, ...)")
        .Text("design_country", f => f.Accelerator.DesignCountry, "ISO code of the country of design")
        .Text("chip", f => f.Accelerator.Id, "the catalog id of the chip")
        .Date("release_date", f => f.Accelerator.ReleaseDate, "the chip's release date");

    public static ChipFacts Of(Accelerator accelerator) => new(accelerator, PerformanceFigures.Of(accelerator));
}
