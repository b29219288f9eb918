using System.CommandLine;
using Clearance.Cli.Ledger;
using Clearance.Storage.Security;

namespace Clearance.Cli.Security;

/// <summary>
/// `clearance keys issue|list|revoke`: the server's API keys, managed straight in its database by someone who can
/// open that database anyway — how a team bootstraps or recovers admin access without the server.
/// </summary>
internal static class KeysCommands
{
    public static Command Create(CliContext context)
    {
        var (keys, cli) = LedgerCli.Group(context, "keys", "API keys of the server (stored hashed in the ledger database).");

        var name = new Argument<string>("name") { Description = "Who or what the key is for, e.g. \"Wei (compliance)\"." };
        var role = new Option<string>("--role") { Description = $"The key's role: {string.Join(", ", CredentialStore.RoleNames)}.", Required = true };
        var issue = new Command("issue", "Issue a key; it is printed once and only its hash is stored.") { name, role };
        issue.SetAction(parse => cli.Run(parse, (store, actor) =>
        {
            var who = parse.GetValue(name)!.Trim();
            var wanted = parse.GetValue(role)!.Trim().ToLowerInvariant();
            if (!CredentialStore.RoleNames.Contains(wanted))
            {
                context.Error.WriteLine($"error: --role: '{wanted}' is not a role; use one of: {string.Join(", ", CredentialStore.RoleNames)}");
                return CliApplication.UsageError;
            }

            if (who.Length is 0 or > 100 || who.Any(char.IsControl))
            {
                context.Error.WriteLine("error: name: 1 to 100 printable characters naming the person or system");
                return CliApplication.UsageError;
            }

            var issued = new CredentialStore(store).Issue(who, wanted, actor.User, context.Clock.GetUtcNow());
            context.Out.WriteLine(issued.Key);
            context.Error.WriteLine($"Issued key {issued.Credential.Id} for {issued.Credential.Name} ({issued.Credential.Role}) in {store.Database.Describe()}; it is not shown again.");
            return 0;
        }));

        var list = new Command("list", "Every key ever issued, without secrets.");
        list.SetAction(parse => cli.Run(parse, (store, _) =>
        {
            foreach (var credential in new CredentialStore(store).List())
            {
                var state = credential.IsActive ? "active" : $"revoked {credential.RevokedAt:yyyy-MM-dd} by {credential.RevokedBy}";
                context.Out.WriteLine($"{credential.Id}  {credential.Role,-7}  {credential.Name}  (issued {credential.IssuedAt:yyyy-MM-dd} by {credential.IssuedBy}; {state})");
            }

            return 0;
        }));

        var id = new Argument<string>("id") { Description = "The key's id (the part after clr_, before the second _)." };
        var reason = new Option<string>("--reason") { Description = "Why the key is withdrawn.", Required = true };
        var revoke = new Command("revoke", "Revoke a key at once; the revocation is kept with who and why.") { id, reason };
        revoke.SetAction(parse => cli.Run(parse, (store, actor) =>
        {
            if (!new CredentialStore(store).Revoke(parse.GetValue(id)!, actor.User, parse.GetValue(reason)!, context.Clock.GetUtcNow()))
            {
                context.Error.WriteLine($"error: there is no active key with id '{parse.GetValue(id)}'");
                return CliApplication.InputError;
            }

            context.Out.WriteLine($"Revoked key {parse.GetValue(id)}.");
            return 0;
        }));

        keys.Subcommands.Add(issue);
        keys.Subcommands.Add(list);
        keys.Subcommands.Add(revoke);
        return keys;
    }
}
