using Clearance.Core.Ledger;

namespace Clearance.Server.Ledger;

/// <summary>Collects "is required" errors for the fields of a request body, by their JSON names.</summary>
internal sealed class RequestErrors
{
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    public bool Any => Errors.Count > 0;

    public T Require<T>(T? value, string field)
        where T : class
    {
        if (value is null || (value is string text && string.IsNullOrWhiteSpace(text)))
        {
            Errors[field] = ["is required"];
        }

        return value!;
    }

    public T Require<T>(T? value, string field)
        where T : struct
    {
        if (value is null)
        {
            Errors[field] = ["is required"];
        }

        return value.GetValueOrDefault();
    }
}

/// <summary>POST /parties: ask for a party to become an approved customer.</summary>
public sealed record PartyRequest(string? Id, string? Name, string? Country, string? ParentCountry, string? Sector, string? EndUse, IReadOnlyList<string>? Roles, DateOnly? On)
{
    internal RequestParty? ToCommand(DateOnly today, RequestErrors errors)
    {
        var id = errors.Require(Id, "id");
        var name = errors.Require(Name, "name");
        var country = errors.Require(Country, "country");
        var sector = errors.Require(Sector, "sector");
        var endUse = errors.Require(EndUse, "endUse");
        var roles = new List<PartyRole>();
        foreach (var role in Roles ?? ["customer", "consignee", "end-user"])
        {
            if (Enum.TryParse<PartyRole>(role?.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(role, out _))
            {
                roles.Add(parsed);
            }
            else
            {
                errors.Errors["roles"] = [$"'{role}' is not a role; use customer, consignee or end-user"];
            }
        }

        return errors.Any ? null : new RequestParty(id, name, [.. roles], country, ParentCountry ?? country, sector, endUse, On ?? today);
    }
}

/// <summary>POST /parties/{id}/approval: an officer approves a screened party until a date.</summary>
public sealed record ApprovalRequest(string? Reason, DateOnly? Expires, DateOnly? On);

/// <summary>POST /parties/{id}/rejection, /shipments/{key}/release and /shipments/{key}/reversal: a reason and a date.</summary>
public sealed record ReasonRequest(string? Reason, DateOnly? On);

/// <summary>POST /parties/{id}/screenings and /shipments/{key}/shipped: the date of the step (default today).</summary>
public sealed record DateRequest(DateOnly? On);

/// <summary>Re-screening after a list update: the date of the screenings (default today), and whether only to report.</summary>
public sealed record RescreenRequest(DateOnly? On, bool? DryRun);

/// <summary>POST /licences: an officer records a licence granted.</summary>
public sealed record LicenceRequest(string? Number, string? Jurisdiction, IReadOnlyList<string>? Parties, IReadOnlyList<string>? Products, long? AuthorisedUnits, decimal? AuthorisedValueUsd,
    DateOnly? ValidFrom, DateOnly? ValidTo, IReadOnlyList<string>? Conditions)
{
    internal GrantLicence? ToCommand(Func<string, string> product, RequestErrors errors)
    {
        var grant = new LicenceGranted(
            errors.Require(Number, "number"),
            errors.Require(Jurisdiction, "jurisdiction"),
            [.. Parties ?? []],
            [.. errors.Require(Products, "products")?.Select(product) ?? []],
            errors.Require(AuthorisedUnits, "authorisedUnits"),
            errors.Require(AuthorisedValueUsd, "authorisedValueUsd"),
            errors.Require(ValidFrom, "validFrom"),
            errors.Require(ValidTo, "validTo"),
            [.. Conditions ?? []]);
        return errors.Any ? null : new GrantLicence(grant);
    }
}

/// <summary>POST /quotas/pools: an officer opens an import quota pool shared by named buyers.</summary>
public sealed record QuotaPoolRequest(string? Id, string? Jurisdiction, string? Product, IReadOnlyList<string>? Buyers, long? TotalUnits, DateOnly? ValidFrom, DateOnly? ValidTo, string? Source, string? Confidence)
{
    internal OpenQuotaPool? ToCommand(Func<string, string> product, RequestErrors errors)
    {
        var pool = new QuotaPoolOpened(
            errors.Require(Id, "id"),
            errors.Require(Jurisdiction, "jurisdiction"),
            product(errors.Require(Product, "product") ?? ""),
            [.. errors.Require(Buyers, "buyers") ?? []],
            errors.Require(TotalUnits, "totalUnits"),
            errors.Require(ValidFrom, "validFrom"),
            errors.Require(ValidTo, "validTo"),
            errors.Require(Source, "source"),
            Confidence ?? "reported");
        return errors.Any ? null : new OpenQuotaPool(pool);
    }
}

/// <summary>POST /quotas/caps: an officer sets a volume cap tied to base-country end-use volume.</summary>
public sealed record VolumeCapRequest(string? Id, string? Product, IReadOnlyList<string>? Destinations, decimal? RatioPercent, string? BaseCountry, string? Source)
{
    internal SetVolumeCap? ToCommand(Func<string, string> product, RequestErrors errors)
    {
        var cap = new VolumeCapSet(
            errors.Require(Id, "id"),
            product(errors.Require(Product, "product") ?? ""),
            [.. errors.Require(Destinations, "destinations") ?? []],
            errors.Require(RatioPercent, "ratioPercent"),
            BaseCountry ?? "US",
            errors.Require(Source, "source"));
        return errors.Any ? null : new SetVolumeCap(cap);
    }
}

/// <summary>
/// POST /shipments: reserve a shipment's units on its licence, pools and caps and, unless <see cref="ReserveOnly"/>,
/// record it as shipped. <see cref="Key"/> is the idempotency key (or the Idempotency-Key header).
/// </summary>
public sealed record ShipmentRequest(string? Key, string? Order, string? Consignee, string? EndUser, string? Destination, string? Product, long? Units, decimal? ValueUsd, string? Licence, DateOnly? Date, bool? ReserveOnly)
{
    internal ReserveShipment? ToCommand(string? headerKey, DateOnly today, Func<string, string> product, RequestErrors errors)
    {
        if (Key is not null && headerKey is not null && Key != headerKey)
        {
            errors.Errors["key"] = [$"the body's key '{Key}' differs from the Idempotency-Key header '{headerKey}'"];
        }

        var endUser = errors.Require(EndUser, "endUser");
        var plan = new ShipmentPlan(
            errors.Require(Key ?? headerKey, "key"),
            errors.Require(Order, "order"),
            Consignee ?? endUser,
            endUser,
            errors.Require(Destination, "destination"),
            product(errors.Require(Product, "product") ?? ""),
            errors.Require(Units, "units"),
            errors.Require(ValueUsd, "valueUsd"),
            string.IsNullOrEmpty(Licence) ? null : Licence,
            Date ?? today);
        return errors.Any ? null : new ReserveShipment(plan, ShipNow: ReserveOnly != true);
    }
}

/// <summary>The fields of the ledger's problems, in the API's JSON names (end_user → endUser).</summary>
internal static class FieldNames
{
    public static string Json(string ledgerField)
    {
        var parts = ledgerField.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
