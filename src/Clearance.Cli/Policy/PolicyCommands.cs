using System.CommandLine;
using Clearance.Cli.Output;
using Clearance.Core.Policy;
using Spectre.Console;

namespace Clearance.Cli.Policy;

/// <summary>`clearance policy lint|show|timeline`: check packs, read them, and see when their rules change.</summary>
internal static class PolicyCommands
{
    public static Command Create(CliContext context)
    {
        var policy = new Command("policy", "Check and read the policy packs.");

        var lintFolder = new Argument<string?>("folder") { Description = "A folder of packs (default: the shipped data/policy).", Arity = ArgumentArity.ZeroOrOne };
        var lint = new Command("lint", "Parse, type-check and compile every pack; report every problem with file, line, column and field.") { lintFolder };
        lint.SetAction(parse => Lint(context, parse.GetValue(CliContext.DataOption), parse.GetValue(lintFolder)));
        policy.Subcommands.Add(lint);

        var packId = new Argument<string?>("pack") { Description = "A pack id; without it, every pack is listed.", Arity = ArgumentArity.ZeroOrOne };
        var showPolicy = EvaluateCommand.PolicyOption();
        var showFormat = CliContext.FormatOption();
        var show = new Command("show", "List the packs, or show one pack's rules with their dates, outcomes, obligations and sources.") { packId, showPolicy, showFormat };
        show.SetAction(parse => Show(context, parse.GetValue(CliContext.DataOption), parse.GetValue(showPolicy), parse.GetValue(packId), parse.GetValue(showFormat)));
        policy.Subcommands.Add(show);

        var timelinePolicy = EvaluateCommand.PolicyOption();
        var timelineFormat = CliContext.FormatOption();
        var timeline = new Command("timeline", "Every date on which a rule enters or leaves force, across all packs.") { timelinePolicy, timelineFormat };
        timeline.SetAction(parse => Timeline(context, parse.GetValue(CliContext.DataOption), parse.GetValue(timelinePolicy), parse.GetValue(timelineFormat)));
        policy.Subcommands.Add(timeline);
        return policy;
    }

    private static int Lint(CliContext context, string? dataPath, string? folder)
    {
        if (EvaluateCommand.LoadLibrary(context, dataPath, folder) is not { } library)
        {
            return CliApplication.InputError;
        }

        foreach (var pack in library.Packs)
        {
            context.Out.WriteLine($"ok  {pack.File}: {pack.Id} {pack.Version}, {pack.Rules.Length} rules, {pack.Parameters.Length} parameters, sha256 {pack.ContentHash[..12]}");
        }

        context.Out.WriteLine($"{library.Packs.Length} pack(s), {library.Rules.Length} rules: all parsed, type-checked and compiled.");
        return 0;
    }

    private static int Show(CliContext context, string? dataPath, string? policyPath, string? packId, OutputFormat format)
    {
        if (EvaluateCommand.LoadLibrary(context, dataPath, policyPath) is not { } library)
        {
            return CliApplication.InputError;
        }

        if (packId is null)
        {
            var packs = library.Packs.Select(p => new { p.Id, p.Title, p.Jurisdiction, p.Instrument, p.Version, Sha256 = p.ContentHash, p.File, Rules = p.Rules.Length }).ToList();
            switch (format)
            {
                case OutputFormat.Json:
                    Render.WriteJson(context.Out, packs);
                    break;
                case OutputFormat.Csv:
                    Render.WriteCsv(context.Out, ["id", "jurisdiction", "instrument", "version", "sha256", "rules", "file", "title"],
                        packs.Select(p => new[] { p.Id, p.Jurisdiction, p.Instrument, p.Version, p.Sha256, p.Rules.ToString(System.Globalization.CultureInfo.InvariantCulture), p.File, p.Title }));
                    break;
                default:
                    var table = new Table().Border(TableBorder.Rounded).AddColumns("Pack", "Jurisdiction", "Instrument", "Version", "Rules", "SHA-256", "Title");
                    foreach (var p in packs)
                    {
                        table.AddRow(Markup.Escape(p.Id), p.Jurisdiction, Markup.Escape(p.Instrument), Markup.Escape(p.Version), p.Rules.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Sha256[..12], Markup.Escape(p.Title));
                    }

                    Render.Console(context.Out).Write(table);
                    break;
            }

            return 0;
        }

        var pack = library.Packs.FirstOrDefault(p => p.Id.Equals(packId, StringComparison.OrdinalIgnoreCase));
        if (pack is null)
        {
            context.Error.WriteLine($"error: no pack '{packId}'; the packs are: {string.Join(", ", library.Packs.Select(p => p.Id))}");
            return CliApplication.InputError;
        }

        var rules = pack.Rules.Select(r => new
        {
            r.Id,
            r.Title,
            From = Render.Date(r.EffectiveFrom),
            To = r.EffectiveTo is { } to ? Render.Date(to) : null,
            When = r.When.Text,
            Unless = r.Unless.ToArray(),
            Verdict = r.Verdict.Key(),
            Obligations = r.Obligations.Select(o => new { Kind = JsonSink.Kebab(o.Kind.ToString()), o.Description, o.RatePercent, Base = o.BaseText, o.Payee, o.Limit, o.Unit, o.Pool }).ToArray(),
            Confidence = r.Confidence.ToString().ToLowerInvariant(),
            r.Notes,
            Citations = r.Citations.Select(c => new { c.Reference, Url = c.Url?.ToString(), c.Note }).ToArray(),
            DefinedAt = r.DefinedAt.ToString(),
        }).ToList();
        switch (format)
        {
            case OutputFormat.Json:
                Render.WriteJson(context.Out, new { pack.Id, pack.Title, pack.Jurisdiction, pack.Instrument, pack.Version, Sha256 = pack.ContentHash, Scope = pack.Scope?.Text, Parameters = pack.Parameters.Select(p => new { p.Name, p.Number, Values = p.Texts.ToArray(), p.Description, Confidence = p.Confidence.ToString().ToLowerInvariant(), p.Notes }), Rules = rules });
                break;
            case OutputFormat.Csv:
                Render.WriteCsv(context.Out, ["id", "from", "to", "verdict", "when", "unless", "obligations", "confidence", "citation", "title"],
                    rules.Select(r => new[] { r.Id, r.From, r.To, r.Verdict, r.When, string.Join(';', r.Unless), string.Join("; ", r.Obligations.Select(o => o.Kind)), r.Confidence, r.Citations.FirstOrDefault()?.Reference, r.Title }));
                break;
            default:
                var console = Render.Console(context.Out);
                console.Write(new Rule(Markup.Escape($"{pack.Title} ({pack.Id} {pack.Version})")).LeftJustified());
                console.WriteLine($"Jurisdiction {pack.Jurisdiction} · {pack.Instrument} · {pack.File} · sha256 {pack.ContentHash}");
                if (pack.Scope is { } scope)
                {
                    console.WriteLine("Scope: " + scope.Text);
                }

                foreach (var parameter in pack.Parameters)
                {
                    console.WriteLine($"Parameter {parameter.Name} = {(parameter.IsList ? "[" + string.Join(", ", parameter.Texts) + "]" : parameter.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture))} ({parameter.Confidence.ToString().ToLowerInvariant()}): {parameter.Description}");
                }

                var table = new Table().Border(TableBorder.Rounded).AddColumns("Rule", "In force", "When", "Outcome and obligations", "Confidence", "Citation");
                foreach (var r in pack.Rules)
                {
                    table.AddRow(
                        Markup.Escape($"{r.Id}\n{r.Title}"),
                        Markup.Escape(r.Window),
                        Markup.Escape(r.When.Text + (r.Unless.IsEmpty ? "" : $"\nunless {string.Join(", ", r.Unless)}")),
                        Markup.Escape(string.Join("\n", new[] { r.Verdict.Describe() }.Concat(r.Obligations.Select(o => "+ " + JsonSink.Kebab(o.Kind.ToString()) + (o.RatePercent is { } rate ? $" {rate}% of {o.BaseText} to {o.Payee}" : ""))))),
                        Markup.Escape(r.Confidence.ToString().ToLowerInvariant()),
                        Markup.Escape(string.Join("\n", r.Citations.Select(c => c.Reference))));
                }

                console.Write(table);
                break;
        }

        return 0;
    }

    private static int Timeline(CliContext context, string? dataPath, string? policyPath, OutputFormat format)
    {
        if (EvaluateCommand.LoadLibrary(context, dataPath, policyPath) is not { } library)
        {
            return CliApplication.InputError;
        }

        var events = library.Packs
            .SelectMany(p => p.Rules.SelectMany(r => new[] { (Date: r.EffectiveFrom, Change: "enters force", Pack: p, Rule: r) }
                .Concat(r.EffectiveTo is { } to ? [(to.AddDays(1), "leaves force", p, r)] : [])))
            .OrderBy(e => e.Date)
            .ThenBy(e => e.Pack.Jurisdiction, StringComparer.Ordinal)
            .ThenBy(e => e.Rule.Id, StringComparer.Ordinal)
            .ToList();
        switch (format)
        {
            case OutputFormat.Json:
                Render.WriteJson(context.Out, events.Select(e => new { Date = Render.Date(e.Date), e.Change, e.Pack.Jurisdiction, Pack = e.Pack.Id, Rule = e.Rule.Id, Verdict = e.Rule.Verdict.Key(), e.Rule.Title }));
                break;
            case OutputFormat.Csv:
                Render.WriteCsv(context.Out, ["date", "change", "jurisdiction", "pack", "rule", "verdict", "title"],
                    events.Select(e => new[] { Render.Date(e.Date), e.Change, e.Pack.Jurisdiction, e.Pack.Id, e.Rule.Id, e.Rule.Verdict.Key(), e.Rule.Title }));
                break;
            default:
                var table = new Table().Border(TableBorder.Rounded).AddColumns("Date", "Change", "Jurisdiction", "Rule", "Outcome", "Title");
                foreach (var e in events)
                {
                    table.AddRow(Render.Date(e.Date), e.Change, e.Pack.Jurisdiction, Markup.Escape(e.Rule.Id), Markup.Escape(e.Rule.Verdict.Describe()), Markup.Escape(e.Rule.Title));
                }

                Render.Console(context.Out).Write(table);
                break;
        }

        return 0;
    }
}
