using System.Text;
using Clearance.Core.Parsing;
using Clearance.Core.Policy;
using Clearance.Server.Classification;
using Clearance.Server.Hosting;
using Clearance.Server.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearance.Server.Pages;

/// <summary>
/// An order book uploaded as a file (CSV with a header row, as data/samples/orders.csv, or JSON) decided in one go:
/// the decisions as a table, rejected rows with line and field, and the decisions as a CSV download. The same reading
/// and deciding as POST /api/v1/evaluate, with the same size limit.
/// </summary>
public sealed class EvaluateBookModel(ReferenceData reference, ClearanceMetrics metrics, TimeProvider clock) : PageModel
{
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);

    [BindProperty]
    public IFormFile? Book { get; set; }

    [BindProperty]
    public string? AsOf { get; set; }

    public string? FileName { get; private set; }

    public PolicyLibrary Library => reference.Policy;

    public BookDecisions? Result { get; private set; }

    /// <summary>Problems with the file as a whole (no header, not JSON): nothing was decided.</summary>
    public IReadOnlyList<Problem> FileProblems { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Errors => _errors;

    public string? ErrorOf(string field) => _errors.GetValueOrDefault(field);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await DecideAsync();
        return Page();
    }

    /// <summary>The same upload, answered with the decisions as a CSV file instead of a page.</summary>
    public async Task<IActionResult> OnPostCsvAsync()
    {
        await DecideAsync();
        if (Result is null)
        {
            return Page();
        }

        await using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Result.WriteCsv(text, reference.Policy);
        var name = Path.GetFileNameWithoutExtension(FileName) is { Length: > 0 } uploaded ? uploaded : "orders";
        var safe = string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-'));
        return File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", $"{safe}-decisions.csv");
    }

    private async Task DecideAsync()
    {
        DateOnly? date = null;
        if (!string.IsNullOrWhiteSpace(AsOf))
        {
            date = ClassificationApi.ParseDate(AsOf, clock);
            if (date is null)
            {
                _errors["asOf"] = ClassificationApi.NotADate(AsOf);
            }
        }

        if (Book is null || Book.Length == 0)
        {
            _errors["book"] = "choose an order book file: CSV with a header row, or JSON";
        }
        else if (Book.Length > ClearanceHosting.MaxRequestBodyBytes)
        {
            _errors["book"] = $"the file is {Book.Length:#,0} bytes; at most {ClearanceHosting.MaxRequestBodyBytes:#,0} are accepted (larger books belong to the CLI: clearance evaluate)";
        }

        if (_errors.Count > 0)
        {
            return;
        }

        FileName = Path.GetFileName(Book!.FileName);
        string text;
        using (var reader = new StreamReader(Book.OpenReadStream(), Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync(HttpContext.RequestAborted);
        }

        var json = FileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || Book.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase);
        var input = OrderInput.Parse(text, json ? "application/json" : "text/csv", reference.Policy.Catalog);
        if (!input.Succeeded)
        {
            FileProblems = input.Problems;
            return;
        }

        Result = BookDecisions.Decide(input.Value.Rows, date, reference.Policy, metrics);
    }
}
