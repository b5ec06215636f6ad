using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Infrastructure.Identity;
using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.Infrastructure.PersonalData;
using AnjuPortal.Infrastructure.Tenancy;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AnjuPortal.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// The database (provider from configuration), tenancy, Identity, Data Protection keys in the database,
    /// personal-data protection and Hangfire storage. The host adds <see cref="ICurrentUser"/>.
    /// </summary>
    public static IServiceCollection AddAnjuInfrastructure(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var database = DatabaseSettings.From(configuration, contentRoot);
        services.AddSingleton(database);
        SqliteThreadPool.Apply(database, configuration);

        services.AddSingleton(sp =>
        {
            var builder = new DbContextOptionsBuilder<AppDbContext>();
            database.Configure(builder);
            builder.AddInterceptors(new AuditStampInterceptor(sp.GetRequiredService<TimeProvider>()), new TenantWriteGuardInterceptor(),
                sp.GetRequiredService<Signals.NotificationSignalInterceptor>());
            return builder.Options;
        });
        services.AddScoped(sp => new AppDbContext(sp.GetRequiredService<DbContextOptions<AppDbContext>>(), sp.GetRequiredService<ICurrentUser>()));
        services.AddScoped<AppDbContextFactory>();
        services.AddScoped<IAppDbContextFactory>(sp => sp.GetRequiredService<AppDbContextFactory>());
        services.AddSingleton<SystemDbContextFactory>();
        services.AddSingleton<ISystemDbContextFactory>(sp => sp.GetRequiredService<SystemDbContextFactory>());
        services.AddSingleton<ICrossTenantChecks, CrossTenantChecks>();
        Signals.SignalsSetup.AddAnjuSignals(services, configuration);
        services.AddSingleton<Application.OverdueResettlement.IProvincialHouseholdIndex, ProvincialHouseholdIndex>();
        services.AddSingleton<Application.Notifications.IUnitMembers, Identity.UnitMembers>();
        services.AddScoped<Application.Auditing.IAuditLog, Auditing.AuditLog>();
        services.AddSingleton<Application.Auditing.IAuditChainVerifier, Auditing.SystemAuditChainVerifier>();

        services.AddSingleton<Application.OverdueResettlement.Closure.IEvidenceFileStore>(sp => new Files.LocalEvidenceFileStore(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Application.OverdueResettlement.Closure.EvidenceOptions>>(), contentRoot));

        services.AddSingleton<Application.Supervision.IOfficialDocumentRenderer, Documents.OfficialDocumentRenderer>();

        services.AddAnjuDataProtection(configuration);
        services.AddSingleton(sp => BlindIndexKey.FromConfigurationOrFile(
            configuration["PersonalData:BlindIndexKey"], database.SqliteDirectory, sp.GetRequiredService<IDataProtectionProvider>()));
        services.AddSingleton<IDataKeyStore, DatabaseDataKeyStore>();
        services.AddSingleton(sp => new PersonalDataKeyRing(
            sp.GetRequiredService<IDataProtectionProvider>(), sp.GetRequiredService<IDataKeyStore>(), sp.GetRequiredService<TimeProvider>(),
            TimeSpan.FromDays(configuration.GetValue("PersonalData:DataKeyLifetimeDays", 90))));
        services.AddSingleton<IPersonalDataCipher>(sp => new PersonalDataCipher(
            sp.GetRequiredService<IDataProtectionProvider>(), sp.GetRequiredService<BlindIndexKey>(), sp.GetRequiredService<PersonalDataKeyRing>()));

        services.AddAnjuIdentity();

        services.AddAnjuJobStorage(database, configuration);
        return services;
    }

    /// <summary>
    /// Identity with the portal's rules: passwords of at least 12 characters, not common, not the user name;
    /// lockout after 5 failures for 15 minutes; Chinese messages. One definition, so that the host and the tests of
    /// the user administration check passwords alike.
    /// </summary>
    public static IdentityBuilder AddAnjuIdentity(this IServiceCollection services)
        => services.AddIdentity<AppUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = false;
                // Chinese user names (e.g. 长春市填报员) are allowed beside the usual ASCII set.
                options.User.AllowedUserNameCharacters = null!;
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<AnjuClaimsPrincipalFactory>();

    private static void AddAnjuJobStorage(this IServiceCollection services, DatabaseSettings database, IConfiguration configuration)
    {
        // Jobs:InvisibilityTimeoutMinutes: how long a fetched job stays invisible before another worker takes it over when
        // its worker died (a SIGKILLed worker never releases it); sliding, so a live worker keeps its long job. Default 5.
        var invisibility = TimeSpan.FromMinutes(configuration.GetValue("Jobs:InvisibilityTimeoutMinutes", 5.0));
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            switch (database.Provider)
            {
                case DatabaseProvider.Sqlite:
                    // A file of its own beside the portal's database: job polling never contends with user writes.
                    var jobsFile = configuration["Jobs:SqliteFile"] ?? Path.Combine(database.SqliteDirectory ?? ".", "anju-jobs.db");
                    config.UseSQLiteStorage(jobsFile, new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(5) });
                    break;
                case DatabaseProvider.SqlServer:
                    config.UseSqlServerStorage(database.ConnectionString, new Hangfire.SqlServer.SqlServerStorageOptions { SlidingInvisibilityTimeout = invisibility });
                    break;
                case DatabaseProvider.PostgreSql:
                    config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(database.ConnectionString), new PostgreSqlStorageOptions { InvisibilityTimeout = invisibility, UseSlidingInvisibilityTimeout = true });
                    break;
            }
        });

        if (configuration.GetValue("Jobs:RunServer", true))
        {
            services.AddHangfireServer(options => options.WorkerCount = configuration.GetValue("Jobs:WorkerCount", 2));
        }
    }
}
