using AnjuPortal.Application.Security;
using AnjuPortal.Infrastructure.Auditing;
using AnjuPortal.Infrastructure.Identity;
using AnjuPortal.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Web.Commands;

/// <summary>
/// <c>dotnet AnjuPortal.Web.dll create-admin --user NAME --jurisdiction 220000 [--name 姓名] [--role SystemAdministrator]</c>
/// creates the first administrator of a production install. The password comes from the environment variable
/// <c>ANJU_ADMIN_PASSWORD</c> or, with <c>--password-stdin</c>, from standard input: never from the command line,
/// where it would stay in the shell history and the process list.
/// </summary>
internal static class AdminCommands
{
    public const string CreateAdmin = "create-admin";
    public const string VerifyAudit = "verify-audit";

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is CreateAdmin or VerifyAudit;

    public static Task<int> RunAsync(WebApplication app, string[] args)
        => args[0] == VerifyAudit ? VerifyAuditAsync(app) : CreateAdminAsync(app, args);

    /// <summary>
    /// <c>verify-audit</c>: walks the whole audit chain; exit code 0 when intact, 1 with the first broken record named.
    /// </summary>
    private static async Task<int> VerifyAuditAsync(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminCommands));
        await using var db = app.Services.GetRequiredService<SystemDbContextFactory>().Create();
        var result = await AuditTrailVerifier.VerifyAsync(db);
        if (result.Intact)
        {
            logger.LogInformation("Audit trail intact: {Count} records checked", result.RecordsChecked);
            return 0;
        }

        logger.LogError("Audit trail broken at sequence {Sequence} (record id {RecordId}); {Count} records before it are intact",
            result.FirstBrokenSequence, result.FirstBrokenRecordId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing", result.RecordsChecked);
        return 1;
    }

    private static async Task<int> CreateAdminAsync(WebApplication app, string[] args)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminCommands));
        var options = ParseOptions(args.Skip(1));
        if (!options.TryGetValue("user", out var userName) || !options.TryGetValue("jurisdiction", out var code))
        {
            logger.LogError("Usage: create-admin --user NAME --jurisdiction CODE [--name 姓名] [--role {Roles}] [--password-stdin]", string.Join('|', Roles.All));
            return 2;
        }

        var role = options.GetValueOrDefault("role", Roles.SystemAdministrator);
        if (!Roles.All.Contains(role))
        {
            logger.LogError("Unknown role {Role}; use one of {Roles}", role, string.Join(", ", Roles.All));
            return 2;
        }

        var password = options.ContainsKey("password-stdin")
            ? (await Console.In.ReadLineAsync())?.Trim()
            : Environment.GetEnvironmentVariable("ANJU_ADMIN_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            logger.LogError("No password: set ANJU_ADMIN_PASSWORD or pass --password-stdin");
            return 2;
        }

        await DatabaseInitializer.InitializeAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<SystemDbContextFactory>().Create();
        var jurisdiction = await db.Jurisdictions.AsNoTracking().FirstOrDefaultAsync(j => j.Code == code);
        if (jurisdiction is null)
        {
            logger.LogError("No jurisdiction with code {Code}", code);
            return 1;
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, DisplayName = options.GetValueOrDefault("name", userName), JurisdictionId = jurisdiction.Id };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded || !(await users.AddToRoleAsync(user, role)).Succeeded)
        {
            logger.LogError("Could not create {User}: {Errors}", userName, string.Join(" ", created.Errors.Select(e => e.Description)));
            return 1;
        }

        logger.LogInformation("Created {User} ({Role}) at {Jurisdiction}", userName, role, jurisdiction.Name);
        return 0;
    }

    private static Dictionary<string, string> ParseOptions(IEnumerable<string> args)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? key = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                key = arg[2..];
                result[key] = string.Empty;
            }
            else if (key is not null)
            {
                result[key] = arg;
                key = null;
            }
        }

        return result;
    }
}
