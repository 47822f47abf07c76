using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PeoplesStories.Web.Data;

namespace PeoplesStories.Web.Health;

/// <summary>Ready when the database answers a query and every EF Core migration of this build is applied.</summary>
public sealed class DatabaseReadyCheck(StoriesDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // A PostgreSQL database that is gone would otherwise read as "every migration pending".
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database does not answer.");
            }

            // Reading the migrations history opens the file and reads it: a missing, locked or corrupt database fails here.
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("The database answers and its schema is up to date.")
                : HealthCheckResult.Unhealthy($"{pending.Count} pending migration(s), the first {pending[0]}.");
        }
        catch (DbException exception)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", exception);
        }
        catch (InvalidOperationException exception)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", exception);
        }
    }
}
