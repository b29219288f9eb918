using Clearance.Server.Hosting;
using Clearance.Storage.Ledger;
using Clearance.Storage.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Clearance.Server.Security;

/// <summary>
/// Who may call what. The API (<c>/api/…</c>) takes API keys only, so a browser's cookie can never be replayed
/// against it by another site; the web UI signs in once with a key and then carries an HttpOnly, SameSite=Strict
/// cookie. Reads of reference data are open; every write names the least role it needs.
/// </summary>
public static class SecurityHosting
{
    private const string SelectorScheme = "Clearance";

    public static IServiceCollection AddClearanceSecurity(this IServiceCollection services)
    {
        services.AddSingleton<CredentialStore>();
        services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "API key for /api, cookie for the web UI", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) ||
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? ApiKeyAuthenticationHandler.SchemeName
                        : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, options =>
            {
                options.LoginPath = "/signin";
                options.LogoutPath = "/signout";
                options.AccessDeniedPath = "/denied";
                options.Cookie.Name = "clearance.session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = RejectRevokedCredential;
            });
        services.AddAuthorization(options =>
        {
            foreach (var role in Enum.GetValues<Role>())
            {
                options.AddPolicy(ClearancePolicies.For(role), policy => policy
                    .RequireAuthenticatedUser()
                    .RequireAssertion(context => context.User.HasRole(role)));
            }
        });
        return services;
    }

    /// <summary>
    /// On the very first start (no key ever issued) creates an admin key and shows it once on standard output, and
    /// in <see cref="ClearanceOptions.AdminKeyFile"/> when set; only its hash is stored.
    /// </summary>
    public static void EnsureFirstAdmin(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var credentials = app.Services.GetRequiredService<CredentialStore>();
        var options = app.Services.GetRequiredService<IOptions<ClearanceOptions>>().Value;
        if (credentials.List().Count > 0)
        {
            return;
        }

        var clock = app.Services.GetRequiredService<TimeProvider>();
        var issued = credentials.Issue("admin", ClearancePolicies.Admin, "first run", clock.GetUtcNow());
        SecurityLog.FirstAdminIssued(app.Logger, issued.Credential.Id);
        if (options.AdminKeyFile is { Length: > 0 } file)
        {
            WriteKeyFile(file, issued.Key);
        }

        if (options.ShowFirstAdminKey)
        {
            // Standard output, not the logger: the key must never reach log files or collectors.
            Console.Out.WriteLine();
            Console.Out.WriteLine("  First run: an admin API key was created. It is shown once; only its hash is stored.");
            Console.Out.WriteLine($"      {issued.Key}");
            Console.Out.WriteLine("  Sign in to the web UI at /signin with it, or send it as \"Authorization: Bearer <key>\".");
            Console.Out.WriteLine("  Issue keys for your team (viewer, analyst, officer, admin) with POST /api/v1/keys.");
            Console.Out.WriteLine();
        }
    }

    /// <summary>Resolves the ledger actor the audit log records for server-side work no user started.</summary>
    public static LedgerActor SystemActor(string what) => new($"{what} (system)", ClearancePolicies.Admin);

    private static void WriteKeyFile(string file, string key)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        using (var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var writer = new StreamWriter(stream))
        {
            writer.WriteLine(key);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static Task RejectRevokedCredential(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirst(PrincipalExtensions.CredentialIdClaim)?.Value;
        var credentials = context.HttpContext.RequestServices.GetRequiredService<CredentialStore>();
        var active = id is not null && credentials.Find(id) is { IsActive: true };
        if (!active)
        {
            context.RejectPrincipal();
            return context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }

        return Task.CompletedTask;
    }
}
