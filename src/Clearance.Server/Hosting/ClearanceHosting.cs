using Clearance.Server.Catalog;
using Clearance.Server.Classification;
using Clearance.Server.Demo;
using Clearance.Server.Ledger;
using Clearance.Server.Planning;
using Clearance.Server.Policy;
using Clearance.Server.Screening;
using Clearance.Server.Security;
using Clearance.Storage.Ledger;
using Microsoft.AspNetCore.Http.Features;
using Scalar.AspNetCore;

namespace Clearance.Server.Hosting;

/// <summary>Wires the server: services in <see cref="AddClearance"/>, the HTTP pipeline in <see cref="UseClearance"/>.</summary>
public static class ClearanceHosting
{
    /// <summary>Largest accepted request body; specs and order books beyond it belong to the CLI's batch commands.</summary>
    public const long MaxRequestBodyBytes = 4 * 1024 * 1024;

    public static WebApplicationBuilder AddClearance(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:5080");
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = MaxRequestBodyBytes);
        builder.Services.Configure<ClearanceOptions>(builder.Configuration.GetSection(ClearanceOptions.Section));

        var dataPath = builder.Configuration[$"{ClearanceOptions.Section}:{nameof(ClearanceOptions.DataDirectory)}"];
        var listsPath = builder.Configuration[$"{ClearanceOptions.Section}:{nameof(ClearanceOptions.Lists)}"];
        var home = builder.Configuration[$"{ClearanceOptions.Section}:Home"];
        builder.Services.AddSingleton(_ => ReferenceData.Load(dataPath, listsPath, home));
        builder.Services.AddSingleton(TimeProvider.System);
        var database = builder.Configuration[$"{ClearanceOptions.Section}:{nameof(ClearanceOptions.Database)}"];
        builder.Services.AddSingleton(_ => string.IsNullOrWhiteSpace(database) ? LedgerDatabase.Default() : LedgerDatabase.Parse(database));
        builder.Services.AddSingleton(services => new LedgerStore(services.GetRequiredService<LedgerDatabase>(), services.GetRequiredService<TimeProvider>()));
        builder.Services.AddClearanceSecurity();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<StorageFaults>();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, PolicyJson.Default);
        });
        builder.Services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Clearance API";
            document.Info.Description = "Catalog and export classification of AI accelerators; every answer names the rule versions it used.";
            document.Info.Version = "v1";
            document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>(StringComparer.Ordinal)
            {
                ["apiKey"] = new Microsoft.OpenApi.OpenApiSecurityScheme
                {
                    Type = Microsoft.OpenApi.SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API key (clr_…) sent as \"Authorization: Bearer <key>\". Reads of reference data are open; writes need a role: viewer < analyst < officer < admin.",
                },
            };
            return Task.CompletedTask;
        }));
        builder.Services.AddLedger(builder.Configuration);
        builder.Services.AddHealthChecks().AddCheck<ReferenceDataHealthCheck>("reference-data");
        builder.Services.AddRazorPages();
        builder.AddClearanceTelemetry();
        return builder;
    }

    public static WebApplication UseClearance(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Load and check the data directory before accepting requests.
        var reference = app.Services.GetRequiredService<ReferenceData>();
        Log.ReferenceDataLoaded(app.Logger, reference.Catalog.Count, reference.RuleSets.Count, reference.DataDirectory);

        // Create or upgrade the ledger database before accepting requests.
        var ledger = app.Services.GetRequiredService<LedgerStore>();
        var migrations = ledger.Migrate();
        var where = ledger.Database.Describe();
        Log.LedgerOpened(app.Logger, where, migrations);
        SecurityHosting.EnsureFirstAdmin(app);
        app.SeedDemoData();

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api", options => options.WithTitle("Clearance API"));
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready");
        app.MapClearanceTelemetry();

        var api = app.MapGroup("/api/v1");
        api.MapCatalogApi();
        api.MapClassificationApi();
        api.MapPlanningApi();
        api.MapPolicyApi();
        api.MapScreeningApi();
        api.MapKeysApi();
        api.MapLedgerApi();
        api.MapScreeningReviewApi();

        app.MapRazorPages();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = string.Join(", ", app.Urls);
            Log.Listening(app.Logger, urls);
        });
        return app;
    }
}
