using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Clearance.Cli.Output;
using Clearance.Core.Catalog;
using Clearance.Core.Policy;
using Clearance.Storage.Files;
using Spectre.Console;

namespace Clearance.Cli.Policy;

/// <summary>
/// `clearance evaluate ORDERS [--as-of DATE] [--policy DIR] [--format table|json|csv] [--explain]`: a decision for every
/// order of a book, streamed; malformed rows are reported with their line and counted, never dropped.
/// </summary>
internal static class EvaluateCommand
{
    /// <summary>Files at least this large show a progress bar when standard error is a terminal.</summary>
    private const long ProgressThresholdBytes = 4 << 20;

    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("orders") { Description = "An order book: CSV (header row of column names) or JSON (a list of orders)." };
        var asOf = new Option<string?>("--as-of") { Description = "Decide every order under the rules in force on this date (YYYY-MM-DD); default: each order on its own order date." };
        var policy = PolicyOption();
        var format = CliContext.FormatOption();
        var explain = new Option<bool>("--explain") { Description = "Show every rule that fired, was undetermined or superseded, with its reason and citation." };
        var command = new Command("evaluate", "Decide an order book under the policy packs: verdicts per jurisdiction, obligations with amounts, and why.")
        {
            file, asOf, policy, format, explain,
        };
        command.SetAction(parse => Run(context, parse.GetValue(CliContext.DataOption), parse.GetValue(file)!, parse.GetValue(asOf), parse.GetValue(policy), parse.GetValue(format), parse.GetValue(explain)));
        return command;
    }

    public static Option<string?> PolicyOption(string name = "--policy") => new(name)
    {
        Description = "A folder of policy packs to use instead of the shipped data/policy.",
    };

    /// <summary>Loads the catalog, rule sets and packs, or prints why not.</summary>
    public static PolicyLibrary? LoadLibrary(CliContext context, string? dataPath, string? policyPath)
    {
        var library = DataDirectory.Locate(dataPath).LoadPolicyLibrary(policyPath);
        if (!library.Succeeded)
        {
            context.Fail("the policy packs did not load; nothing was evaluated", library.Problems);
            return null;
        }

        return library.Value;
    }

    /// <summary>Parses an optional --as-of; false when the text is not a date.</summary>
    public static bool TryDate(CliContext context, string option, string? text, out DateOnly? date)
    {
        date = null;
        if (text is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        context.Error.WriteLine($"error: {option}: '{text}' is not a date; write YYYY-MM-DD, for example 2026-01-15");
        return false;
    }

    private static int Run(CliContext context, string? dataPath, string path, string? asOfText, string? policyPath, OutputFormat format, bool explain)
    {
        if (!TryDate(context, "--as-of", asOfText, out var asOf))
        {
            return CliApplication.UsageError;
        }

        if (LoadLibrary(context, dataPath, policyPath) is not { } library)
        {
            return CliApplication.InputError;
        }

        var opened = OrderSource.Open(path, library.Catalog);
        if (!opened.Succeeded)
        {
            return context.Fail($"the order book {path} cannot be read; nothing was evaluated", opened.Problems);
        }

        using var source = opened.Value;
        var toStdout = ReferenceEquals(context.Out, Console.Out);
        var output = toStdout ? new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) : context.Out;
        using var sink = format switch
        {
            OutputFormat.Json => (IDecisionSink)new JsonSink(output, library, explain),
            OutputFormat.Csv => new CsvSink(output, library),
            _ => new TableSink(output, library, explain),
        };

        var rejected = new List<OrderRow>();
        var evaluated = 0;
        var batch = new BatchEvaluator(library);
        void Process(Action<long>? progress)
        {
            foreach (var row in source.Rows(library.Catalog))
            {
                if (row.Order is { } order)
                {
                    sink.Write(row.Line, batch.Evaluate(order, asOf ?? order.OrderDate, explain));
                    evaluated++;
                }
                else
                {
                    rejected.Add(row);
                }

                if (progress is not null && (evaluated + rejected.Count) % 4096 == 0)
                {
                    progress(source.Position);
                }
            }
        }

        if (!Console.IsErrorRedirected && ReferenceEquals(context.Error, Console.Error))
        {
            if (source.Length >= ProgressThresholdBytes)
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
                console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask(Markup.Escape(Path.GetFileName(path)), maxValue: source.Length);
                        Process(position => task.Value = position);
                        task.Value = source.Length;
                    });
            }
            else
            {
                Process(null);
            }
        }
        else
        {
            // Not a terminal (CI, a pipe, a log file): a plain line now and then instead of a bar.
            var progress = new ProgressLines(context.Error, context.Clock, path, source.Length);
            Process(position => progress.Report(evaluated + rejected.Count, position));
        }

        sink.Finish(evaluated, rejected);
        output.Flush();
        if (toStdout)
        {
            output.Dispose();
        }

        foreach (var row in rejected)
        {
            foreach (var problem in row.Problems)
            {
                context.Error.WriteLine($"rejected: {problem}");
            }
        }

        context.Error.WriteLine($"{path}: {evaluated + rejected.Count} row(s): {evaluated} evaluated, {rejected.Count} rejected{(rejected.Count > 0 ? " (listed above; nothing else was dropped)" : "")}.");
        return rejected.Count > 0 ? CliApplication.InputError : 0;
    }
}

/// <summary>
/// Progress on standard error when it is not a terminal: one plain line every <see cref="EveryRows"/> rows or every
/// <see cref="EverySeconds"/> seconds, whichever comes first, with the share of the file read and the rate so far.
/// </summary>
internal sealed class ProgressLines(TextWriter error, TimeProvider clock, string path, long length)
{
    public const int EveryRows = 100_000;

    public const double EverySeconds = 5;

    private readonly DateTimeOffset _started = clock.GetUtcNow();
    private DateTimeOffset _last = clock.GetUtcNow();
    private long _lastRows;

    /// <summary>Called every few thousand rows with the rows read so far and the position in the file.</summary>
    public void Report(long rows, long position)
    {
        var now = clock.GetUtcNow();
        if (rows - _lastRows < EveryRows && (now - _last).TotalSeconds < EverySeconds)
        {
            return;
        }

        var seconds = (now - _started).TotalSeconds;
        var percent = length > 0 ? Math.Min(100, 100.0 * position / length) : 0;
        var rate = seconds > 0 ? $", {rows / seconds:#,0} rows/s" : "";
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {rows:#,0} rows read ({percent:0}%){rate}"));
        error.Flush();
        (_last, _lastRows) = (now, rows);
    }
}

/// <summary>What the CLI prints for one order: the fast-path verdicts plus obligations, and the full rule trace when asked.</summary>
internal sealed record OrderResult(
    Order Order,
    DateOnly AsOf,
    Verdict Verdict,
    Verdict[] ByJurisdiction,
    List<string> DecidedBy,
    List<ObligationDue> Obligations,
    List<string> Undetermined,
    List<string> Uncertain,
    Decision? Full);

/// <summary>Decides orders on the library's fast path, reusing its buffers; builds the full decision only for --explain.</summary>
internal sealed class BatchEvaluator(PolicyLibrary library)
{
    private readonly RuleStatus[] _statuses = new RuleStatus[library.Rules.Length];

    public OrderResult Evaluate(Order order, DateOnly asOf, bool explain)
    {
        var byJurisdiction = new Verdict[library.Jurisdictions.Length];
        var verdict = library.Decide(order, asOf, _statuses, byJurisdiction);
        var decidedBy = new List<string>();
        var obligations = new List<ObligationDue>();
        var undetermined = new List<string>();
        var uncertain = new List<string>();
        OrderFacts? facts = null;
        for (var i = 0; i < _statuses.Length; i++)
        {
            var status = _statuses[i];
            if (status is not (RuleStatus.Fired or RuleStatus.Undetermined))
            {
                continue;
            }

            var (pack, rule) = library.Rules[i];
            var contribution = PolicyLibrary.Contribution(status, rule.Verdict);
            if (contribution > Verdict.Allowed && contribution == verdict)
            {
                decidedBy.Add(rule.Id);
            }

            if (status == RuleStatus.Undetermined)
            {
                undetermined.Add(rule.Id);
            }
            else
            {
                foreach (var obligation in rule.Obligations)
                {
                    facts ??= new OrderFacts(order, library.Profile(order.Product, asOf)!, asOf);
                    obligations.Add(new ObligationDue(pack, rule, obligation, PolicyEvaluator.AmountOf(obligation, facts), order.Currency));
                }
            }

            foreach (var uncertainty in library.Uncertainties(i))
            {
                uncertain.Add(uncertainty.Label);
            }
        }

        return new OrderResult(order, asOf, verdict, byJurisdiction, decidedBy, obligations, undetermined, uncertain,
            explain ? PolicyEvaluator.Evaluate(order, asOf, library) : null);
    }
}

internal interface IDecisionSink : IDisposable
{
    void Write(int line, OrderResult result);

    void Finish(int evaluated, IReadOnlyList<OrderRow> rejected);
}

internal sealed class CsvSink : IDecisionSink
{
    private readonly TextWriter _out;
    private readonly PolicyLibrary _library;

    public CsvSink(TextWriter output, PolicyLibrary library)
    {
        _out = output;
        _library = library;
        Render.WriteCsvRow(output, [
            "id", "line", "as_of", "product", "destination", "verdict",
            .. library.Jurisdictions.Select(j => "verdict_" + j.ToLowerInvariant()),
            "decided_by", "obligations", "amount_due", "currency", "undetermined", "uncertain"]);
    }

    public void Write(int line, OrderResult r)
    {
        var fields = new string?[12 + _library.Jurisdictions.Length];
        var i = 0;
        fields[i++] = r.Order.Id;
        fields[i++] = line.ToString(CultureInfo.InvariantCulture);
        fields[i++] = Render.Date(r.AsOf);
        fields[i++] = r.Order.Product;
        fields[i++] = r.Order.Destination;
        fields[i++] = r.Verdict.Key();
        foreach (var verdict in r.ByJurisdiction)
        {
            fields[i++] = verdict.Key();
        }

        fields[i++] = string.Join(';', r.DecidedBy);
        fields[i++] = string.Join("; ", r.Obligations.Select(ShortSummary));
        var due = r.Obligations.Where(o => o.Amount is not null).Sum(o => o.Amount!.Value);
        fields[i++] = due == 0 ? "" : due.ToString("0.00", CultureInfo.InvariantCulture);
        fields[i++] = r.Order.Currency;
        fields[i++] = string.Join(';', r.Undetermined);
        fields[i] = string.Join(';', r.Uncertain);
        Render.WriteCsvRow(_out, fields);
    }

    public void Finish(int evaluated, IReadOnlyList<OrderRow> rejected)
    {
    }

    public void Dispose()
    {
    }

    /// <summary>Amounts and caps in full; other obligations by kind (their wording is in the pack and the JSON output).</summary>
    internal static string ShortSummary(ObligationDue due) =>
        due.Obligation.Kind is ObligationKind.Levy or ObligationKind.Duty or ObligationKind.VolumeCap ? due.Summary : JsonSink.Kebab(due.Obligation.Kind.ToString());
}

internal sealed class JsonSink : IDecisionSink
{
    private readonly Utf8JsonWriter _json;
    private readonly TextWriter _out;
    private readonly MemoryStream _buffer = new();
    private readonly PolicyLibrary _library;
    private readonly bool _explain;

    public JsonSink(TextWriter output, PolicyLibrary library, bool explain)
    {
        _out = output;
        _library = library;
        _explain = explain;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _json.WriteStartObject();
        _json.WriteStartArray("packs");
        foreach (var pack in library.Packs)
        {
            _json.WriteStartObject();
            _json.WriteString("id", pack.Id);
            _json.WriteString("version", pack.Version);
            _json.WriteString("sha256", pack.ContentHash);
            _json.WriteString("jurisdiction", pack.Jurisdiction);
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteStartArray("decisions");
    }

    public void Write(int line, OrderResult r)
    {
        _json.WriteStartObject();
        _json.WriteString("id", r.Order.Id);
        _json.WriteNumber("line", line);
        _json.WriteString("asOf", Render.Date(r.AsOf));
        _json.WriteString("product", r.Order.Product);
        _json.WriteString("destination", r.Order.Destination);
        _json.WriteString("verdict", r.Verdict.Key());
        _json.WriteStartObject("jurisdictions");
        for (var j = 0; j < r.ByJurisdiction.Length; j++)
        {
            _json.WriteString(_library.Jurisdictions[j], r.ByJurisdiction[j].Key());
        }

        _json.WriteEndObject();
        WriteStrings("decidedBy", r.DecidedBy);
        _json.WriteStartArray("obligations");
        foreach (var o in r.Obligations)
        {
            _json.WriteStartObject();
            _json.WriteString("rule", o.Rule.Id);
            _json.WriteString("kind", Kebab(o.Obligation.Kind.ToString()));
            _json.WriteString("description", o.Obligation.Description);
            if (o.Obligation.RatePercent is { } rate)
            {
                _json.WriteNumber("ratePercent", rate);
            }

            if (o.Amount is { } amount)
            {
                _json.WriteNumber("amount", amount);
                _json.WriteString("currency", o.Currency);
            }

            if (o.Obligation.Payee is { } payee)
            {
                _json.WriteString("payee", payee);
            }

            if (o.Obligation.Limit is { } limit)
            {
                _json.WriteNumber("limit", limit);
                _json.WriteString("unit", o.Obligation.Unit);
            }

            if (o.Obligation.Pool is { } pool)
            {
                _json.WriteString("pool", pool);
            }

            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        WriteStrings("undetermined", r.Undetermined);
        WriteStrings("uncertain", r.Uncertain);
        if (_explain && r.Full is { } full)
        {
            WriteStrings("designations", full.Chip.Designations.Order(StringComparer.Ordinal));
            _json.WriteStartArray("uncertainties");
            foreach (var uncertainty in full.Uncertainties)
            {
                _json.WriteStartObject();
                _json.WriteString("rule", uncertainty.RuleId);
                if (uncertainty.Parameter is { } parameter)
                {
                    _json.WriteString("parameter", parameter);
                }

                _json.WriteString("confidence", uncertainty.Confidence.ToString().ToLowerInvariant());
                _json.WriteString("notes", uncertainty.Notes);
                _json.WriteEndObject();
            }

            _json.WriteEndArray();
            _json.WriteStartArray("rules");
            foreach (var rule in full.Rules)
            {
                _json.WriteStartObject();
                _json.WriteString("pack", rule.Pack.Id);
                _json.WriteString("rule", rule.Rule.Id);
                _json.WriteString("status", Kebab(rule.Status.ToString()));
                _json.WriteString("reason", rule.Reason);
                _json.WriteString("confidence", rule.Rule.Confidence.ToString().ToLowerInvariant());
                WriteStrings("citations", rule.Rule.Citations.Select(c => c.Url is null ? c.Reference : $"{c.Reference} <{c.Url}>"));
                _json.WriteEndObject();
            }

            _json.WriteEndArray();
        }

        _json.WriteEndObject();
        if (_buffer.Length > 1 << 16)
        {
            Drain();
        }
    }

    public void Finish(int evaluated, IReadOnlyList<OrderRow> rejected)
    {
        _json.WriteEndArray();
        _json.WriteStartArray("rejected");
        foreach (var row in rejected)
        {
            foreach (var problem in row.Problems)
            {
                _json.WriteStartObject();
                _json.WriteString("file", problem.Location.File);
                _json.WriteNumber("line", problem.Location.Line);
                _json.WriteNumber("column", problem.Location.Column);
                _json.WriteString("field", problem.Field);
                _json.WriteString("message", problem.Message);
                _json.WriteEndObject();
            }
        }

        _json.WriteEndArray();
        _json.WriteStartObject("summary");
        _json.WriteNumber("rows", evaluated + rejected.Count);
        _json.WriteNumber("evaluated", evaluated);
        _json.WriteNumber("rejected", rejected.Count);
        _json.WriteEndObject();
        _json.WriteEndObject();
        Drain();
        _out.WriteLine();
    }

    public void Dispose()
    {
        _json.Dispose();
        _buffer.Dispose();
    }

    private void Drain()
    {
        _json.Flush();
        _out.Write(Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length));
        _buffer.SetLength(0);
    }

    private void WriteStrings(string name, IEnumerable<string> values)
    {
        _json.WriteStartArray(name);
        foreach (var value in values)
        {
            _json.WriteStringValue(value);
        }

        _json.WriteEndArray();
    }

    internal static string Kebab(string pascal) => string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

internal sealed class TableSink(TextWriter output, PolicyLibrary library, bool explain) : IDecisionSink
{
    private readonly List<(int Line, OrderResult Result)> _rows = [];

    public void Write(int line, OrderResult result) => _rows.Add((line, result));

    public void Finish(int evaluated, IReadOnlyList<OrderRow> rejected)
    {
        var console = Render.Console(output);
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Order", "As of", "Chip → destination", "Verdict");
        foreach (var jurisdiction in library.Jurisdictions)
        {
            table.AddColumn(jurisdiction);
        }

        table.AddColumns("Decided by", "Obligations");
        foreach (var (_, r) in _rows)
        {
            table.AddRow([
                Markup.Escape(r.Order.Id), Render.Date(r.AsOf), Markup.Escape($"{r.Order.Product} → {r.Order.Destination}"), VerdictMarkup(r.Verdict),
                .. r.ByJurisdiction.Select(VerdictMarkup),
                Markup.Escape(string.Join("\n", r.DecidedBy)),
                Markup.Escape(string.Join("\n", r.Obligations.Select(CsvSink.ShortSummary))),
            ]);
        }

        console.Write(table);
        if (explain)
        {
            foreach (var (_, r) in _rows.Where(r => r.Result.Full is not null))
            {
                var full = r.Full!;
                console.Write(new Rule(Markup.Escape($"{r.Order.Id}: {r.Order.Product} → {r.Order.Destination} on {Render.Date(r.AsOf)} — {r.Verdict.Describe()}")).LeftJustified());
                console.WriteLine("Designations: " + (full.Chip.Designations.Count == 0 ? "none" : string.Join(", ", full.Chip.Designations.Order(StringComparer.Ordinal)))
                    + (full.Chip.UndeterminedDesignations.Count > 0 ? "; undetermined: " + string.Join(", ", full.Chip.UndeterminedDesignations.Order(StringComparer.Ordinal)) : ""));
                var rules = new Table().Border(TableBorder.Rounded).AddColumns("Rule", "Outcome", "Reason", "Confidence", "Citation");
                foreach (var rule in full.Rules.Where(x => x.Status is RuleStatus.Fired or RuleStatus.Undetermined or RuleStatus.Superseded))
                {
                    rules.AddRow(
                        Markup.Escape($"{rule.Rule.Id}\n{rule.Rule.Verdict.Describe()}"),
                        Markup.Escape(JsonSink.Kebab(rule.Status.ToString())),
                        Markup.Escape(rule.Reason),
                        Markup.Escape(rule.Rule.Confidence.ToString().ToLowerInvariant() + (rule.Rule.Notes is { } n ? "\n" + n : "")),
                        Markup.Escape(rule.Rule.Citations.FirstOrDefault()?.Reference ?? ""));
                }

                console.Write(rules);
                foreach (var uncertainty in full.Uncertainties.Where(u => u.Parameter is not null))
                {
                    console.WriteLine($"{uncertainty.Label} is {uncertainty.Confidence.ToString().ToLowerInvariant()}: {uncertainty.Notes}");
                }
            }
        }

        console.WriteLine("Packs: " + string.Join("; ", library.Packs.Select(p => $"{p.Id} {p.Version} (sha256 {p.ContentHash[..12]})")));
        console.WriteLine($"{evaluated} order(s) evaluated, {rejected.Count} row(s) rejected.");
    }

    public void Dispose()
    {
    }

    private static string VerdictMarkup(Verdict verdict) => verdict switch
    {
        Verdict.Allowed => "[green]allowed[/]",
        Verdict.LicenceApproval => "[cyan]licence: approval[/]",
        Verdict.LicenceCaseByCase => "[yellow]licence: case-by-case[/]",
        Verdict.HoldForReview => "[yellow]hold for review[/]",
        Verdict.LicencePresumptionOfDenial => "[red]licence: presumption of denial[/]",
        _ => "[bold red]prohibited[/]",
    };
}
