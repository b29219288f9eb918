using System.Collections.Immutable;
using System.Globalization;
using Clearance.Core.Ledger;
using Clearance.Core.Policy;
using Clearance.Server.Screening;
using Clearance.Server.Security;
using Clearance.Storage.Ledger;
using PolicyParty = Clearance.Core.Policy.Party;

namespace Clearance.Server.Demo;

/// <summary>What seeding the demo set recorded.</summary>
public sealed record DemoSummary(int Parties, int Licences, int Orders, int Shipments, int Levies, long AuditRows, TimeSpan Took)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Parties} parties, {Licences} licences, 1 quota pool, 2 volume caps, {Orders} orders, {Shipments} shipments, {Levies} levy entries ({AuditRows} audit rows in {Took.TotalSeconds:0.0} s)");
}

/// <summary>
/// A realistic, deterministic demo year (2025-12-01 … 2026-11-30) for an empty ledger: NVIDIA, AMD and Intel
/// accelerators ordered by Chinese, US and other customers; parties screened against the lists in force (three
/// named like listed entities, so the review queue has work); licences; China's 2026 H200 pool of about 400,000
/// units for ByteDance, Alibaba and Tencent (regulatory-facts.md [65][66]); the 50% China + Macau volume caps
/// (91 FR 1684); shipments that deplete them; the 15% levy and 25% duty accrued. Every order is decided by the
/// policy engine on its date; every event goes through <see cref="LedgerStore.Append(IReadOnlyList{LedgerCommand}, LedgerActor)"/>
/// as "demo (system)".
/// </summary>
public static class DemoData
{
    public static readonly LedgerActor Actor = SecurityHosting.SystemActor("demo");

    public static readonly DateOnly First = new(2025, 12, 1);
    public static readonly DateOnly Last = new(2026, 11, 30);

    public const string H200 = "nvidia-h200-sxm";
    public const string H20 = "nvidia-h20";
    public const string Mi308 = "amd-mi308x";
    public const string Mi325 = "amd-mi325x";
    public const string Pool = "cn-h200-2026-01-28";

    private const int BatchSize = 500;

    /// <summary>A demo customer: ledger party, and the facts the policy engine reads from orders it places.</summary>
    private sealed record Customer(string Id, string Name, string Country, string? Parent, string Sector, string EndUse, bool StateOwned = false, bool CriticalInfrastructure = false, string? HeadquartersCountry = null);

    private static readonly Customer[] Customers =
    [
        new("bytedance", "Beijing Volcano Engine Technology Co., Ltd.", "CN", "ByteDance", "cloud", "datacenter"),
        new("alibaba", "Alibaba Cloud Computing (Hangzhou) Co., Ltd.", "CN", "Alibaba", "cloud", "datacenter"),
        new("tencent", "Tencent Cloud Computing (Shenzhen) Co., Ltd.", "CN", "Tencent", "cloud", "datacenter"),
        new("northbridge", "Northbridge Cloud Co", "CN", null, "cloud", "inference"),
        new("eastlake", "Eastlake Internet Ltd", "CN", null, "internet", "training"),
        new("provincial-grid", "Provincial Grid Analytics", "CN", null, "telecom", "datacenter", StateOwned: true, CriticalInfrastructure: true),
        new("columbia-compute", "Columbia River Compute LLC", "US", null, "cloud", "datacenter"),
        new("lone-star-ai", "Lone Star AI Labs Inc.", "US", null, "research", "training"),
        new("rhein-research", "Rhein Research GmbH", "DE", null, "research", "research"),
        new("desert-compute", "Desert Compute FZ-LLC", "AE", null, "cloud", "datacenter"),
        new("straits-data", "Straits Data Sdn Bhd", "MY", null, "cloud", "datacenter", HeadquartersCountry: "CN"),
        new("sakura-ai", "Sakura AI Cloud K.K.", "JP", null, "cloud", "inference"),

        // Named like entries of the shipped screening lists (BIS Entity List): screening finds hits to review.
        new("cetc-13", "China Electronics Technology Group Corp. 13th Research Institute", "CN", null, "research", "research"),
        new("ac-international", "A.C. International Co.", "CN", null, "trading", "resale"),
        new("group-32", "32 Group China Limited", "HK", null, "trading", "resale"),
    ];

    /// <summary>Requested in the last weeks of 2026: not screened yet, so the approval queue has work too.</summary>
    private static readonly Customer Latecomer = new("pearl-river-ai", "Pearl River AI Computing Co., Ltd.", "CN", null, "cloud", "inference");

    /// <summary>Seeds the demo set into an empty ledger; returns null (and records nothing) when the ledger holds anything.</summary>
    public static DemoSummary? SeedIfEmpty(LedgerStore store, PolicyLibrary library, ScreeningLists screening, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        if (!IsEmpty(store.ReadState()))
        {
            return null;
        }

        var started = clock.GetTimestamp();
        var commands = Build(library, screening);

        // The first command alone claims the seeding: a replica that finds it already recorded leaves the rest to
        // the one that recorded it.
        var claim = store.Append(Actor, commands[0]);
        if (!claim.Succeeded || claim.EventsWritten == 0)
        {
            return null;
        }

        long rows = claim.EventsWritten;
        for (var start = 1; start < commands.Count; start += BatchSize)
        {
            var result = store.Append([.. commands.Skip(start).Take(BatchSize)], Actor);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("The demo data set was refused part-way: " + string.Join("; ", result.Outcome.Problems));
            }

            rows += result.EventsWritten;
        }

        var state = store.ReadState();
        return new DemoSummary(state.Parties.Count, state.Licences.Count, state.Orders.Count, state.Shipments.Count, state.Levies.Count, rows, clock.GetElapsedTime(started));
    }

    public static bool IsEmpty(LedgerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Parties.IsEmpty && state.Licences.IsEmpty && state.Orders.IsEmpty && state.QuotaPools.IsEmpty && state.VolumeCaps.IsEmpty && state.Shipments.IsEmpty;
    }

    /// <summary>
    /// The demo's commands in order, each already decided against the state before it, so the batch is accepted
    /// whole: a shipment a licence, pool or cap cannot take is left out, as a real team would not send it.
    /// </summary>
    public static IReadOnlyList<LedgerCommand> Build(PolicyLibrary library, ScreeningLists screening)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(screening);
        var plan = new Plan();

        var requested = new DateOnly(2025, 11, 17);
        foreach (var c in Customers)
        {
            plan.Add(new RequestParty(c.Id, c.Name, [PartyRole.Customer, PartyRole.Consignee, PartyRole.EndUser], c.Country, c.HeadquartersCountry ?? c.Country, c.Sector, c.EndUse, requested));
        }

        foreach (var c in Customers)
        {
            var result = screening.Screen(plan.State.Parties[c.Id]);
            plan.Add(new RecordScreening(c.Id, ScreeningOutcome.From(result), requested.AddDays(3)));
        }

        foreach (var c in Customers.Where(c => plan.State.Parties[c.Id].LastScreening is { Hit: false }))
        {
            plan.Add(c.StateOwned
                ? new RejectParty(c.Id, "state-owned critical-infrastructure operator: foreign accelerators not to be supplied", requested.AddDays(8))
                : new ApproveParty(c.Id, "screened clean; KYC file and end-use statement complete", requested.AddDays(7), new DateOnly(2026, 12, 31)));
        }

        Licences(plan);
        Quotas(plan);
        Year(plan, library);

        plan.Add(new RequestParty(Latecomer.Id, Latecomer.Name, [PartyRole.Customer, PartyRole.EndUser], Latecomer.Country, Latecomer.Country, Latecomer.Sector, Latecomer.EndUse, new DateOnly(2026, 11, 23)));
        return plan.Commands;
    }

    private static void Licences(Plan plan)
    {
        ImmutableArray<string> conditions = ["third-party test of each shipment by a US laboratory", "KYC of remote users; no military end use"];
        plan.Add(Licence("BIS-H20-2025-0107", [H20], ["bytedance", "alibaba", "tencent", "northbridge"], 80_000, 12_000m, new DateOnly(2025, 8, 11), new DateOnly(2026, 8, 10), ["15% of China revenue to the US Government (August 2025 arrangement)"]));
        plan.Add(Licence("BIS-MI308-2025-0042", [Mi308], ["eastlake", "alibaba"], 20_000, 11_000m, new DateOnly(2025, 8, 11), new DateOnly(2026, 8, 10), []));
        var number = 1;
        foreach (var buyer in new[] { "bytedance", "alibaba", "tencent" })
        {
            plan.Add(Licence(string.Create(CultureInfo.InvariantCulture, $"BIS-H200-2026-{number++:0000}"), [H200], [buyer], 100_000, 31_000m, new DateOnly(2026, 1, 15), new DateOnly(2027, 1, 14), conditions));
        }

        plan.Add(Licence("BIS-MI325X-2026-0001", [Mi325], ["alibaba", "tencent"], 12_000, 24_000m, new DateOnly(2026, 1, 15), new DateOnly(2027, 1, 14), conditions));
    }

    private static GrantLicence Licence(string number, ImmutableArray<string> products, ImmutableArray<string> parties, long units, decimal unitValue, DateOnly from, DateOnly to, ImmutableArray<string> conditions) =>
        new(new LicenceGranted(number, "US-BIS", parties, products, units, units * unitValue, from, to, conditions));

    private static void Quotas(Plan plan)
    {
        plan.Add(new OpenQuotaPool(new QuotaPoolOpened(Pool, "CN", H200, ["bytedance", "alibaba", "tencent"], 400_000, new DateOnly(2026, 1, 28), new DateOnly(2026, 12, 31),
            "regulatory-facts.md [65][66]: more than 400,000 H200 approved for ByteDance, Alibaba and Tencent on 2026-01-28; no per-firm split", "reported")));
        plan.Add(new SetVolumeCap(new VolumeCapSet("h200-cn-mo-50pct", H200, ["CN", "MO"], 50m, "US", "91 FR 1684 (2026-01-15): China + Macau at most 50% of units shipped for US end use")));
        plan.Add(new SetVolumeCap(new VolumeCapSet("mi325x-cn-mo-50pct", Mi325, ["CN", "MO"], 50m, "US", "91 FR 1684 (2026-01-15): China + Macau at most 50% of units shipped for US end use")));
    }

    /// <summary>A year of weekly orders; the mix changes as the rules do (H20 until the H200 opens, then H200 and MI325X).</summary>
    private static void Year(Plan plan, PolicyLibrary library)
    {
        string[] h200Buyers = ["bytedance", "alibaba", "tencent"];
        var week = 0;
        for (var monday = First; monday.AddDays(4) <= Last; monday = monday.AddDays(7), week++)
        {
            var n = 0;
            void Order(string customer, string product, int quantity, decimal unitValue, string exportOrigin, bool usEntry, string hts = "8471.80", string? listHit = null) =>
                Decide(plan, library, string.Create(CultureInfo.InvariantCulture, $"SO-{monday:yyMMdd}-{++n:00}"), monday.AddDays((n - 1) % 5), customer, product, quantity, unitValue, exportOrigin, usEntry, hts, listHit);

            // US end use every week: the base the China + Macau caps are measured on.
            Order("columbia-compute", H200, 12_000 + (week % 4 * 1_000), 30_500m, "TW", usEntry: true);
            if (week % 2 == 0)
            {
                Order("lone-star-ai", week % 4 == 0 ? Mi325 : "intel-gaudi3", 3_000, week % 4 == 0 ? 23_500m : 15_000m, "TW", usEntry: true);
            }

            if (monday < new DateOnly(2026, 2, 1))
            {
                Order(week % 2 == 0 ? "northbridge" : "tencent", H20, 2_000, 12_000m, "TW", usEntry: false, hts: "8473.30");
            }
            else
            {
                Order(h200Buyers[week % 3], H200, 4_000 + (week % 5 * 500), 31_000m, "US", usEntry: true);
                if (week % 4 == 1)
                {
                    Order(week % 8 == 1 ? "alibaba" : "tencent", Mi325, 1_000, 24_000m, "US", usEntry: true);
                }
            }

            if (week % 4 == 2)
            {
                Order("eastlake", Mi308, 1_000, 11_000m, "TW", usEntry: false, hts: "8473.30");
                Order("rhein-research", "nvidia-h100-sxm", 256, 28_000m, "US", usEntry: false);
                Order("sakura-ai", "intel-gaudi2", 512, 8_000m, "US", usEntry: false);
            }

            switch (week % 13)
            {
                case 3:
                    Order("desert-compute", H200, 512, 31_000m, "US", usEntry: false);
                    break;
                case 6:
                    Order("straits-data", "nvidia-h100-sxm", 128, 28_000m, "US", usEntry: false);
                    break;
                case 9:
                    Order("northbridge", week > 10 ? H200 : H20, 800, week > 10 ? 31_000m : 12_000m, "US", usEntry: true);
                    break;
                case 11:
                    Order("provincial-grid", H200, 64, 31_000m, "US", usEntry: true);
                    Order("cetc-13", H20, 200, 12_000m, "TW", usEntry: false, hts: "8473.30", listHit: "entity-list");
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>Decides one order by the policy engine on its date, records the decision, and ships what may ship.</summary>
    private static void Decide(Plan plan, PolicyLibrary library, string id, DateOnly date, string customerId, string product, int quantity, decimal unitValue, string exportOrigin, bool usEntry, string hts, string? listHit)
    {
        var customer = Customers.Single(c => c.Id == customerId);
        var order = new Order
        {
            Id = id,
            OrderDate = date,
            Product = product,
            Quantity = quantity,
            UnitValue = unitValue,
            Destination = customer.Country,
            ExportOrigin = exportOrigin,
            UsEntry = usEntry,
            HtsCode = hts,
            Customer = new PolicyParty(customer.Name, customer.Country, customer.HeadquartersCountry, customer.Parent, customer.Parent is null ? null : customer.Country),
            Sector = customer.Sector,
            EndUse = customer.EndUse,
            StateOwned = customer.StateOwned,
            CriticalInfrastructure = customer.CriticalInfrastructure,
            StateFundedProject = false,
            ListHits = listHit is null ? [] : [listHit],
        };
        var evaluation = OrderEvaluation.Evaluate(order, date, library);
        var decision = evaluation.Value.Command.Decision;
        plan.Add(evaluation.Value.Command);
        if (decision.BlocksShipment || plan.State.Parties[customerId].Status != PartyStatus.Approved)
        {
            return;
        }

        var licence = decision.RequiresLicence
            ? plan.State.Licences.Values.Where(l => l.Grant.Products.Contains(product) && l.Grant.Parties.Contains(customerId)).Select(l => l.Number).Order(StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (decision.RequiresLicence && licence is null)
        {
            return;
        }

        // Two shipments two and four weeks after the order; the last weeks' second halves are only reserved.
        var half = quantity / 2;
        for (var part = 1; part <= 2; part++)
        {
            var units = part == 1 ? half : quantity - half;
            var shipOn = date.AddDays(14 * part);
            var shipment = new ShipmentPlan($"{id}-{part}", id, customerId, customerId, customer.Country, product, units, units * unitValue, licence, shipOn);
            plan.TryAdd(new ReserveShipment(shipment, ShipNow: shipOn <= Last.AddDays(-7)));
        }

        // One correction a quarter: a recorded shipment returned before entry is reversed by a compensating entry.
        if (date.Day <= 7 && date.Month % 3 == 0 && plan.State.Shipments.TryGetValue($"{id}-1", out var first) && first.Status == ShipmentStatus.Recorded && customer.Country != "US")
        {
            plan.TryAdd(new ReverseShipment(first.Key, "returned before entry: failed third-party test", first.Plan.Date.AddDays(10)));
        }
    }

    /// <summary>The commands so far and the state they lead to.</summary>
    private sealed class Plan
    {
        public List<LedgerCommand> Commands { get; } = [];

        public LedgerState State { get; private set; } = LedgerState.Empty;

        /// <summary>Adds a command that must be accepted (the demo is wrong otherwise).</summary>
        public void Add(LedgerCommand command)
        {
            var outcome = TradeLedger.Decide(State, command);
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException($"The demo data set is inconsistent at {command.GetType().Name}: {string.Join("; ", outcome.Problems)}");
            }

            Commands.Add(command);
            State = outcome.State;
        }

        /// <summary>Adds a command if the ledger would accept it now (a shipment a cap cannot take yet is left out).</summary>
        public void TryAdd(LedgerCommand command)
        {
            var outcome = TradeLedger.Decide(State, command);
            if (outcome.Succeeded)
            {
                Commands.Add(command);
                State = outcome.State;
            }
        }
    }
}
