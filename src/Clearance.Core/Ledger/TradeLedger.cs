using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using Clearance.Core.Parsing;

namespace Clearance.Core.Ledger;

/// <summary>What deciding a batch of commands gave: every event to append, or every problem and no event at all.</summary>
public sealed record LedgerOutcome(LedgerState State, ImmutableArray<LedgerEvent> Events, ImmutableArray<Problem> Problems, int AlreadyRecorded)
{
    public bool Succeeded => Problems.IsEmpty;
}

/// <summary>
/// The ledger's rules: turns commands into events against a state, or says precisely why not. Pure: the same
/// state and commands always give the same events, so storage can retry a batch after a conflict.
/// A batch is all or nothing: one problem anywhere and no event of it is kept.
/// </summary>
public static class TradeLedger
{
    public const int MaxTextLength = 200;

    public static LedgerOutcome Decide(LedgerState state, IEnumerable<LedgerCommand> commands)
    {
        var working = state;
        var events = ImmutableArray.CreateBuilder<LedgerEvent>();
        var problems = new List<Problem>();
        var already = 0;
        foreach (var command in commands)
        {
            var before = problems.Count;
            var decided = DecideOne(working, command, problems, out var applied);
            if (problems.Count > before)
            {
                continue;
            }

            if (decided.Count == 0)
            {
                already++;
            }

            working = applied ?? working.ApplyAll(decided);
            events.AddRange(decided);
        }

        return problems.Count > 0
            ? new LedgerOutcome(state, [], [.. problems], 0)
            : new LedgerOutcome(working, events.ToImmutable(), [], already);
    }

    public static LedgerOutcome Decide(LedgerState state, params LedgerCommand[] commands) => Decide(state, (IEnumerable<LedgerCommand>)commands);

    /// <summary>The events of one command; <paramref name="applied"/> is the state after them when deciding already computed it.</summary>
    private static List<LedgerEvent> DecideOne(LedgerState state, LedgerCommand command, List<Problem> problems, out LedgerState? applied)
    {
        var check = new Checks(command.Origin, problems);
        applied = null;
        if (command is ReserveShipment reserve)
        {
            return Reserve(state, reserve, check, out applied);
        }

        return command switch
        {
            RequestParty c => RequestParty(state, c, check),
            RecordScreening c => Screen(state, c, check),
            ApproveParty c => Approve(state, c, check),
            RejectParty c => Reject(state, c, check),
            GrantLicence c => Grant(state, c.Licence, check),
            OpenQuotaPool c => Open(state, c.Pool, check),
            SetVolumeCap c => SetCap(state, c.Cap, check),
            RecordDecision c => Decision(state, c.Decision, check),
            RecordShipment c => Record(state, c, check),
            ReleaseReservation c => Release(state, c, check),
            ReverseShipment c => Reverse(state, c, check),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unknown ledger command"),
        };
    }

    private static List<LedgerEvent> RequestParty(LedgerState state, RequestParty c, Checks check)
    {
        check.Id("party", c.PartyId);
        check.Text("name", c.Name);
        check.Country("country", c.Country);
        check.Country("parent_country", c.ParentCountry);
        check.Text("sector", c.Sector);
        check.Text("end_use", c.EndUse);
        check.That(c.Roles.Length > 0, "roles", "name at least one role: customer, consignee or end-user");
        if (!check.Ok)
        {
            return [];
        }

        var wanted = new PartyRequested(c.PartyId, c.Name, c.Roles, c.Country, c.ParentCountry, c.Sector, c.EndUse, c.On);
        if (state.Parties.TryGetValue(c.PartyId, out var existing))
        {
            check.That(existing.Request with { Roles = c.Roles } == wanted && existing.Request.Roles.SequenceEqual(c.Roles), "party", $"the party '{c.PartyId}' is already recorded with other details; parties are never rewritten");
            return [];
        }

        return [wanted];
    }

    private static List<LedgerEvent> Screen(LedgerState state, RecordScreening c, Checks check)
    {
        check.Text("list_version", c.Outcome.ListVersion);
        if (check.Party(state, c.PartyId) is not { } party || !check.Ok)
        {
            return [];
        }

        check.That(party.Status != PartyStatus.Rejected, "party", $"the party '{c.PartyId}' was rejected; request it anew under a new id");
        if (!check.Ok)
        {
            return [];
        }

        var screened = new PartyScreened(c.PartyId, c.Outcome, c.On);
        return party.Status == PartyStatus.Approved && c.Outcome.Hit
            ? [screened, new PartySuspended(c.PartyId, $"re-screening against {c.Outcome.ListVersion} found a hit: {c.Outcome.Detail}", c.On)]
            : [screened];
    }

    private static List<LedgerEvent> Approve(LedgerState state, ApproveParty c, Checks check)
    {
        check.Text("reason", c.Reason);
        check.That(c.Expires > c.On, "expires", $"the approval must expire after it is given ({c.On:yyyy-MM-dd})");
        if (check.Party(state, c.PartyId) is not { } party || !check.Ok)
        {
            return [];
        }

        if (party.Status == PartyStatus.Approved && party.Reason == c.Reason && party.Expires == c.Expires)
        {
            return [];
        }

        check.That(party.Status == PartyStatus.Screened, "party", $"the party '{c.PartyId}' is {Describe(party.Status)}; only a screened party can be approved");
        check.That(party.LastScreening is not { Hit: true }, "party", $"the last screening of '{c.PartyId}' ({party.LastScreening?.ListVersion}) found a hit; reject the party or screen it again");
        return check.Ok ? [new PartyApproved(c.PartyId, c.Reason, c.On, c.Expires)] : [];
    }

    private static List<LedgerEvent> Reject(LedgerState state, RejectParty c, Checks check)
    {
        check.Text("reason", c.Reason);
        if (check.Party(state, c.PartyId) is not { } party || !check.Ok)
        {
            return [];
        }

        return party.Status == PartyStatus.Rejected ? [] : [new PartyRejected(c.PartyId, c.Reason, c.On)];
    }

    private static List<LedgerEvent> Grant(LedgerState state, LicenceGranted l, Checks check)
    {
        check.Id("licence", l.Number);
        check.Text("jurisdiction", l.Jurisdiction);
        check.That(l.AuthorisedUnits > 0, "authorised_units", $"must be a positive number of units, not {l.AuthorisedUnits}");
        check.That(l.AuthorisedValueUsd > 0, "authorised_value_usd", $"must be a positive amount, not {Money(l.AuthorisedValueUsd)}");
        check.That(l.ValidTo >= l.ValidFrom, "valid_to", "the licence must not end before it starts");
        check.That(l.Products.Length > 0, "products", "name at least one product");
        foreach (var product in l.Products)
        {
            check.Id("products", product);
        }

        foreach (var party in l.Parties)
        {
            check.That(state.Parties.ContainsKey(party), "parties", $"unknown party '{Checks.Clip(party)}'");
        }

        foreach (var condition in l.Conditions)
        {
            check.Text("conditions", condition);
        }

        if (!check.Ok)
        {
            return [];
        }

        if (state.Licences.TryGetValue(l.Number, out var existing))
        {
            check.That(Same(existing.Grant, l), "licence", $"the licence '{l.Number}' is already recorded with other terms; licences are never rewritten");
            return [];
        }

        return [l];
    }

    private static List<LedgerEvent> Open(LedgerState state, QuotaPoolOpened p, Checks check)
    {
        check.Id("pool", p.PoolId);
        check.Country("jurisdiction", p.Jurisdiction);
        check.Id("product", p.Product);
        check.That(p.TotalUnits > 0, "total_units", $"must be a positive number of units, not {p.TotalUnits}");
        check.That(p.ValidTo >= p.ValidFrom, "valid_to", "the pool must not close before it opens");
        check.That(p.Buyers.Length > 0, "buyers", "name at least one buyer");
        foreach (var buyer in p.Buyers)
        {
            check.That(state.Parties.ContainsKey(buyer), "buyers", $"unknown party '{Checks.Clip(buyer)}'");
        }

        check.Text("source", p.Source);
        if (!check.Ok)
        {
            return [];
        }

        if (state.QuotaPools.TryGetValue(p.PoolId, out var existing))
        {
            check.That(existing.Opening == p with { Buyers = existing.Opening.Buyers } && existing.Opening.Buyers.SequenceEqual(p.Buyers), "pool", $"the pool '{p.PoolId}' is already recorded with other terms");
            return [];
        }

        return [p];
    }

    private static List<LedgerEvent> SetCap(LedgerState state, VolumeCapSet cap, Checks check)
    {
        check.Id("cap", cap.CapId);
        check.Id("product", cap.Product);
        check.That(cap.RatioPercent is > 0 and <= 100, "ratio_percent", $"must be above 0 and at most 100, not {cap.RatioPercent.ToString(CultureInfo.InvariantCulture)}");
        check.Country("base_country", cap.BaseCountry);
        check.That(cap.Destinations.Length > 0, "destinations", "name at least one destination");
        foreach (var destination in cap.Destinations)
        {
            check.Country("destinations", destination);
        }

        check.Text("source", cap.Source);
        if (!check.Ok)
        {
            return [];
        }

        if (state.VolumeCaps.TryGetValue(cap.CapId, out var existing))
        {
            check.That(existing.Setting == cap with { Destinations = existing.Setting.Destinations } && existing.Setting.Destinations.SequenceEqual(cap.Destinations), "cap", $"the cap '{cap.CapId}' is already recorded with other terms");
            return [];
        }

        return [cap];
    }

    private static List<LedgerEvent> Decision(LedgerState state, OrderDecision d, Checks check)
    {
        check.Id("order", d.OrderId);
        check.Text("verdict", d.Verdict);
        if (d.Product is not null)
        {
            check.Id("product", d.Product);
        }

        if (d.Destination is not null)
        {
            check.Country("destination", d.Destination);
        }

        foreach (var levy in d.Levies)
        {
            check.That(levy.RatePercent is >= 0 and <= 100, "levies.rate_percent", $"must be between 0 and 100, not {levy.RatePercent.ToString(CultureInfo.InvariantCulture)}");
            check.Text("levies.payee", levy.Payee);
        }

        if (!check.Ok)
        {
            return [];
        }

        if (state.Orders.TryGetValue(d.OrderId, out var existing))
        {
            check.That(existing.SameAs(d), "order", $"the order '{d.OrderId}' already has a decision ({existing.Verdict} on {existing.AsOf:yyyy-MM-dd}); decisions are immutable");
            return [];
        }

        return [new OrderDecided(d)];
    }

    private static List<LedgerEvent> Reserve(LedgerState state, ReserveShipment c, Checks check, out LedgerState? applied)
    {
        applied = null;
        var s = c.Shipment;
        check.Id("key", s.Key);
        check.That(s.Units > 0, "units", $"must be a positive number of units, not {s.Units}");
        check.That(s.ValueUsd >= 0, "value_usd", $"must not be negative, not {Money(s.ValueUsd)}");
        check.Country("destination", s.Destination);
        check.Id("product", s.Product);
        if (!check.Ok)
        {
            return [];
        }

        if (state.Shipments.TryGetValue(s.Key, out var existing))
        {
            check.That(existing.Plan == s, "key", $"the idempotency key '{s.Key}' was already used for another shipment ({existing.Plan.Units} × {existing.Plan.Product} to {existing.Plan.Destination})");
            check.That(!c.ShipNow || existing.Status is ShipmentStatus.Recorded or ShipmentStatus.Reserved or ShipmentStatus.Reversed, "key", $"the shipment '{s.Key}' was released; ship it under a new key");
            return check.Ok && c.ShipNow && existing.Status == ShipmentStatus.Reserved ? Recorded(state, existing, s.Date) : [];
        }

        var consignee = check.Party(state, s.ConsigneeId, "consignee");
        var endUser = check.Party(state, s.EndUserId, "end_user");
        if (!state.Orders.TryGetValue(s.OrderId, out var decision))
        {
            check.Fail("order", $"the order '{Checks.Clip(s.OrderId)}' has no recorded decision; record the decision first");
        }

        if (!check.Ok)
        {
            return [];
        }

        foreach (var (party, field) in new[] { (consignee!, "consignee"), (endUser!, "end_user") })
        {
            if (!party.IsApprovedOn(s.Date))
            {
                check.Fail(field, party.Status == PartyStatus.Approved
                    ? $"the approval of '{party.Id}' expired on {party.Expires:yyyy-MM-dd}"
                    : $"the party '{party.Id}' is {Describe(party.Status)}, not an approved customer{(party.Reason is null ? "" : $" ({party.Reason})")}");
            }
        }

        check.That(!decision!.BlocksShipment, "order", $"the decision on order '{s.OrderId}' is '{decision.Verdict}': nothing may ship under it");
        check.That(decision.Product is null || decision.Product == s.Product, "product", $"the order '{s.OrderId}' was decided for '{decision.Product}', not '{s.Product}'");
        check.That(decision.Destination is null || decision.Destination == s.Destination, "destination", $"the order '{s.OrderId}' was decided for destination {decision.Destination}, not {s.Destination}");
        string? licenceNumber = null;
        if (s.LicenceNumber is { Length: > 0 } number)
        {
            if (!state.Licences.TryGetValue(number, out var licence))
            {
                check.Fail("licence", $"unknown licence '{Checks.Clip(number)}'");
            }
            else
            {
                licenceNumber = number;
                check.That(licence.IsValidOn(s.Date), "licence", $"the licence '{number}' is valid {licence.Grant.ValidFrom:yyyy-MM-dd} to {licence.Grant.ValidTo:yyyy-MM-dd}, not on {s.Date:yyyy-MM-dd}");
                check.That(licence.Grant.Products.Contains(s.Product), "product", $"the licence '{number}' does not cover '{s.Product}'");
                check.That(licence.Grant.Parties.IsEmpty || licence.Grant.Parties.Contains(s.EndUserId), "end_user", $"the licence '{number}' does not name the end user '{s.EndUserId}'");
                check.That(licence.AvailableUnits >= s.Units, "units", $"the licence '{number}' has {licence.AvailableUnits} units left, not {s.Units}");
                check.That(licence.AvailableValueUsd >= s.ValueUsd, "value_usd", $"the licence '{number}' has {Money(licence.AvailableValueUsd)} left, not {Money(s.ValueUsd)}");
            }
        }
        else
        {
            check.That(!decision.RequiresLicence, "licence", $"the decision on order '{s.OrderId}' is '{decision.Verdict}': name the licence the shipment goes under");
        }

        var pools = state.QuotaPools.Values
            .Where(p => p.Opening.Product == s.Product && p.Opening.Jurisdiction == s.Destination && p.IsValidOn(s.Date))
            .OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        foreach (var pool in pools)
        {
            check.That(pool.Opening.Buyers.Contains(s.EndUserId), "end_user", $"the quota pool '{pool.Id}' is shared by {string.Join(", ", pool.Opening.Buyers)}; '{s.EndUserId}' is not among them");
            check.That(pool.AvailableUnits >= s.Units, "units", $"the quota pool '{pool.Id}' has {pool.AvailableUnits} units left, not {s.Units}");
        }

        var caps = state.VolumeCaps.Values
            .Where(cap => cap.Setting.Product == s.Product && cap.Setting.Destinations.Contains(s.Destination))
            .OrderBy(cap => cap.Id, StringComparer.Ordinal).ToList();
        foreach (var cap in caps)
        {
            check.That(cap.AvailableUnits >= s.Units, "units", $"the volume cap '{cap.Id}' allows {cap.AvailableUnits} more units ({cap.Setting.RatioPercent.ToString("0.##", CultureInfo.InvariantCulture)}% of {cap.BaseUnits} shipped for {cap.Setting.BaseCountry} end use, less {cap.ReservedUnits + cap.UsedUnits} held), not {s.Units}");
        }

        if (!check.Ok)
        {
            return [];
        }

        var reserved = new ShipmentReserved(s, licenceNumber, [.. pools.Select(p => p.Id)], [.. caps.Select(cap => cap.Id)]);
        if (!c.ShipNow)
        {
            return [reserved];
        }

        var after = state.Apply(reserved);
        var recorded = Recorded(after, after.Shipments[s.Key], s.Date);
        applied = after.ApplyAll(recorded);
        return [reserved, .. recorded];
    }

    private static List<LedgerEvent> Record(LedgerState state, RecordShipment c, Checks check)
    {
        if (check.Shipment(state, c.Key) is not { } shipment)
        {
            return [];
        }

        check.That(shipment.Status is ShipmentStatus.Reserved or ShipmentStatus.Recorded, "key", $"the shipment '{c.Key}' was {Describe(shipment.Status)}; it cannot ship");
        return check.Ok && shipment.Status == ShipmentStatus.Reserved ? Recorded(state, shipment, c.On) : [];
    }

    /// <summary>The shipment's depletion and the levies its decision imposes on its customs value.</summary>
    private static List<LedgerEvent> Recorded(LedgerState state, Shipment shipment, DateOnly on)
    {
        var events = new List<LedgerEvent> { new ShipmentRecorded(shipment.Key, on) };
        foreach (var levy in state.Orders[shipment.Plan.OrderId].Levies)
        {
            var amount = decimal.Round(shipment.Plan.ValueUsd * levy.RatePercent / 100m, 2, MidpointRounding.ToEven);
            events.Add(new LevyAccrued(shipment.Key, levy.Kind, levy.Payee, levy.RatePercent, amount, RemittancePeriod.Of(on), on));
        }

        return events;
    }

    private static List<LedgerEvent> Release(LedgerState state, ReleaseReservation c, Checks check)
    {
        check.Text("reason", c.Reason);
        if (check.Shipment(state, c.Key) is not { } shipment || !check.Ok)
        {
            return [];
        }

        if (shipment.Status == ShipmentStatus.Released)
        {
            return [];
        }

        check.That(shipment.Status == ShipmentStatus.Reserved, "key", $"the shipment '{c.Key}' was {Describe(shipment.Status)}; only a reservation can be released (reverse a recorded shipment instead)");
        return check.Ok ? [new ReservationReleased(c.Key, c.Reason, c.On)] : [];
    }

    private static List<LedgerEvent> Reverse(LedgerState state, ReverseShipment c, Checks check)
    {
        check.Text("reason", c.Reason);
        if (check.Shipment(state, c.Key) is not { } shipment || !check.Ok)
        {
            return [];
        }

        if (shipment.Status == ShipmentStatus.Reversed)
        {
            return [];
        }

        check.That(shipment.Status == ShipmentStatus.Recorded, "key", $"the shipment '{c.Key}' is {Describe(shipment.Status)}; only a recorded shipment can be reversed");
        foreach (var cap in state.VolumeCaps.Values.Where(cap => cap.Setting.Product == shipment.Plan.Product && cap.Setting.BaseCountry == shipment.Plan.Destination))
        {
            var limitAfter = (long)decimal.Floor((cap.BaseUnits - shipment.Plan.Units) * cap.Setting.RatioPercent / 100m);
            check.That(cap.ReservedUnits + cap.UsedUnits <= limitAfter, "key", $"reversing '{c.Key}' would leave the volume cap '{cap.Id}' over its limit ({cap.ReservedUnits + cap.UsedUnits} held, {limitAfter} allowed); reverse capped shipments first");
        }

        if (!check.Ok)
        {
            return [];
        }

        var events = new List<LedgerEvent> { new ShipmentReversed(c.Key, c.Reason, c.On) };
        foreach (var levy in state.Levies.Where(l => l.ShipmentKey == c.Key).GroupBy(l => (l.Kind, l.Payee, l.RatePercent)))
        {
            var net = levy.Sum(l => l.AmountUsd);
            if (net != 0)
            {
                events.Add(new LevyAccrued(c.Key, levy.Key.Kind, levy.Key.Payee, levy.Key.RatePercent, -net, RemittancePeriod.Of(c.On), c.On));
            }
        }

        return events;
    }

    private static bool Same(LicenceGranted a, LicenceGranted b) =>
        a with { Parties = [], Products = [], Conditions = [] } == b with { Parties = [], Products = [], Conditions = [] } &&
        a.Parties.SequenceEqual(b.Parties) && a.Products.SequenceEqual(b.Products) && a.Conditions.SequenceEqual(b.Conditions);

    private static string Money(decimal amount) => "$" + amount.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static string Describe(Enum status) => status.ToString().ToLowerInvariant();

    /// <summary>Collects problems for one command, each at the command's origin with its field.</summary>
    private sealed class Checks(SourceLocation origin, List<Problem> problems)
    {
        private readonly int _start = problems.Count;

        public bool Ok => problems.Count == _start;

        public static string Clip(string text) => text.Length <= 60 ? text : text[..57] + "...";

        public void Fail(string field, string message) => problems.Add(new Problem(origin, field, message));

        public void That(bool condition, string field, string message)
        {
            if (!condition)
            {
                Fail(field, message);
            }
        }

        /// <summary>As above; the message is only formatted when the condition fails (most checks pass, and formatting dates and money is not free).</summary>
        public void That(bool condition, string field, [InterpolatedStringHandlerArgument(nameof(condition))] ref MessageIfFailed message)
        {
            if (!condition)
            {
                Fail(field, message.ToStringAndClear());
            }
        }

        /// <summary>Ids are short and plain so they are safe in every file name, URL and log line.</summary>
        public void Id(string field, string? id)
        {
            if (string.IsNullOrEmpty(id))
            {
                Fail(field, "is required");
            }
            else if (id.Length > 64 || !char.IsAsciiLetterOrDigit(id[0]) || !id.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-' or '_' or ':' or '/'))
            {
                Fail(field, $"'{Clip(id)}' is not an id: use at most 64 letters, digits and . - _ : /, starting with a letter or digit");
            }
        }

        /// <summary>Free text (names, reasons) is kept verbatim, quotes included, but not control characters.</summary>
        public void Text(string field, string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                Fail(field, "is required");
            }
            else if (text.Length > MaxTextLength)
            {
                Fail(field, $"is {text.Length} characters long; at most {MaxTextLength} are allowed");
            }
            else if (text.Any(char.IsControl))
            {
                Fail(field, $"contains a control character at position {text.TakeWhile(ch => !char.IsControl(ch)).Count() + 1}");
            }
        }

        public void Country(string field, string? code) =>
            That(code is { Length: 2 } && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]), field, $"'{Clip(code ?? "")}' is not an ISO 3166 two-letter country code in capitals (CN, MO, US...)");

        public Party? Party(LedgerState state, string id, string field = "party")
        {
            if (state.Parties.TryGetValue(id, out var party))
            {
                return party;
            }

            Fail(field, $"unknown party '{Clip(id)}'");
            return null;
        }

        public Shipment? Shipment(LedgerState state, string key)
        {
            if (state.Shipments.TryGetValue(key, out var shipment))
            {
                return shipment;
            }

            Fail("key", $"no shipment has the key '{Clip(key)}'");
            return null;
        }
    }
}

/// <summary>An interpolated message built only when the check it belongs to fails.</summary>
[InterpolatedStringHandler]
internal ref struct MessageIfFailed
{
    private DefaultInterpolatedStringHandler _text;
    private readonly bool _wanted;

    public MessageIfFailed(int literalLength, int formattedCount, bool condition, out bool shouldAppend)
    {
        _wanted = !condition;
        shouldAppend = _wanted;
        _text = _wanted ? new DefaultInterpolatedStringHandler(literalLength, formattedCount, CultureInfo.InvariantCulture) : default;
    }

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);

    public void AppendFormatted(string? value) => _text.AppendFormatted(value);

    public string ToStringAndClear() => _wanted ? _text.ToStringAndClear() : "";
}
