using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Clearance.Core.Policy;

namespace Clearance.Bench.Policy;

/// <summary>
/// A deterministic synthetic order book shaped like the export trade the packs govern: mostly data-centre chips, many to
/// China, dates across 2022–2026, a share of entity-list hits, state-owned and state-funded buyers. Parties are drawn from
/// a fixed pool so that a million orders stay small in memory.
/// </summary>
public static class OrderBookGenerator
{
    private static readonly string[] Products =
    [
        "nvidia-h20", "nvidia-h20", "nvidia-h200-sxm", "nvidia-h200-sxm", "nvidia-h100-sxm", "nvidia-a100-sxm", "nvidia-a800-sxm",
        "nvidia-h800-sxm", "nvidia-l20", "nvidia-l40s", "nvidia-rtx-4090", "nvidia-rtx-4090d", "nvidia-b200", "nvidia-b30a",
        "nvidia-rtx-pro-6000d", "amd-mi325x", "amd-mi308x", "amd-mi300x", "intel-gaudi3", "huawei-ascend-910b",
    ];

    private static readonly string[] Destinations = ["CN", "CN", "CN", "CN", "MO", "HK", "US", "US", "DE", "JP", "SG", "MY", "AE", "SA", "VN", "IN"];

    private static readonly string[] Origins = ["US", "US", "TW", "CN"];

    private static readonly string[] Parents = ["ByteDance", "Alibaba", "Tencent", "Baidu", "Example Holdings", "Northbridge Group"];

    private static readonly string[] Sectors = ["cloud", "cloud", "internet", "research", "government", "telecom", "military"];

    private static readonly string[] EndUses = ["datacenter", "datacenter", "training", "inference", "research", "consumer", "military"];

    private static readonly string[] Hts = ["8471.80", "8471.80", "8473.30", "8471.50", "8542.31"];

    private static readonly ImmutableArray<string> EntityList = ["entity-list"];

    public static Order[] Generate(int count, int seed = 20261124)
    {
        var random = new Random(seed);
        var parties = Enumerable.Range(0, 256).Select(i => new Party(
            $"Customer {i:D3}",
            Destinations[i % Destinations.Length],
            i % 7 == 0 ? "CN" : null,
            Parents[i % Parents.Length],
            i % Parents.Length < 4 ? "CN" : "US")).ToArray();
        var start = new DateOnly(2022, 10, 1);
        var ids = new string[count];
        var orders = new Order[count];
        for (var i = 0; i < count; i++)
        {
            var customer = parties[random.Next(parties.Length)];
            var destination = random.Next(3) == 0 ? Destinations[random.Next(Destinations.Length)] : customer.Country;
            orders[i] = new Order
            {
                Id = "G" + i.ToString(CultureInfo.InvariantCulture),
                OrderDate = start.AddDays(random.Next(1500)),
                Product = Products[random.Next(Products.Length)],
                Quantity = 1 + random.Next(2000),
                UnitValue = 1000 + random.Next(40_000),
                Destination = destination,
                ExportOrigin = Origins[random.Next(Origins.Length)],
                UsEntry = random.Next(3) == 0,
                HtsCode = Hts[random.Next(Hts.Length)],
                Customer = customer,
                EndUser = customer,
                Sector = Sectors[random.Next(Sectors.Length)],
                EndUse = EndUses[random.Next(EndUses.Length)],
                StateOwned = random.Next(6) == 0,
                CriticalInfrastructure = random.Next(10) == 0,
                StateFundedProject = random.Next(8) == 0,
                ProjectCompletionPercent = random.Next(100),
                DomesticSharePercent = random.Next(100),
                ListHits = random.Next(50) == 0 ? EntityList : [],
            };
        }

        return orders;
    }

    /// <summary>Writes a book as CSV with the columns `clearance evaluate` reads.</summary>
    public static void WriteCsv(TextWriter writer, IEnumerable<Order> orders)
    {
        writer.WriteLine("id,order_date,product,quantity,unit_value,currency,destination,export_origin,us_entry,hts_code,customer,customer_country,customer_hq_country,customer_parent,customer_parent_country,end_user,end_user_country,sector,end_use,state_owned,critical_infrastructure,state_funded_project,project_completion_percent,domestic_share_percent,list_hits");
        var line = new StringBuilder(256);
        foreach (var o in orders)
        {
            line.Clear();
            line.Append(o.Id).Append(',').Append(o.OrderDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',').Append(o.Product).Append(',')
                .Append(o.Quantity.ToString(CultureInfo.InvariantCulture)).Append(',').Append(o.UnitValue.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(o.Currency).Append(',').Append(o.Destination).Append(',').Append(o.ExportOrigin).Append(',').Append(o.UsEntry == true ? "true" : "false").Append(',')
                .Append(o.HtsCode).Append(',').Append(o.Customer.Name).Append(',').Append(o.Customer.Country).Append(',').Append(o.Customer.HeadquartersCountry).Append(',')
                .Append(o.Customer.UltimateParent).Append(',').Append(o.Customer.UltimateParentCountry).Append(',').Append(o.EndUser!.Name).Append(',').Append(o.EndUser.Country).Append(',')
                .Append(o.Sector).Append(',').Append(o.EndUse).Append(',').Append(o.StateOwned == true ? "true" : "false").Append(',')
                .Append(o.CriticalInfrastructure == true ? "true" : "false").Append(',').Append(o.StateFundedProject == true ? "true" : "false").Append(',')
                .Append(o.ProjectCompletionPercent?.ToString(CultureInfo.InvariantCulture)).Append(',').Append(o.DomesticSharePercent?.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(string.Join(';', o.ListHits));
            writer.WriteLine(line);
        }
    }
}
