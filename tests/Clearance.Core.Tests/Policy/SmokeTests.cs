namespace Clearance.Core.Tests.Policy;

public class SmokeTests
{
    [Fact]
    public void Print()
    {
        var lib = ShippedData.Library;
        var lines = new List<string>();
        foreach (var chip in new[] { "nvidia-h20", "nvidia-h200-sxm", "nvidia-h100-sxm", "nvidia-a100-sxm", "nvidia-a800-sxm", "nvidia-rtx-4090", "nvidia-rtx-4090d", "nvidia-l40s", "nvidia-l20", "nvidia-b200", "nvidia-b30a", "amd-mi325x", "amd-mi308x", "amd-mi300x", "intel-gaudi3", "huawei-ascend-910b", "nvidia-rtx-pro-6000d", "nvidia-h800-sxm", "amd-mi250x" })
        {
            foreach (var date in new[] { "2023-01-10", "2024-01-10", "2025-06-01", "2026-02-01" })
            {
                var p = lib.Profile(chip, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture))!;
                lines.Add($"{chip} {date} tpp={p.Figures.Tpp} bw={p.Accelerator.MemoryBandwidth?.Value} arch={p.Accelerator.Architecture}: {string.Join(" | ", p.Designations.Order())} undetermined: {string.Join(",", p.UndeterminedDesignations)}");
            }
        }

        File.WriteAllLines("/tmp/policy-smoke.txt", lines);
    }
}
