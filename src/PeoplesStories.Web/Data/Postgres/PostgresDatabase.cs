using Microsoft.EntityFrameworkCore;

namespace PeoplesStories.Web.Data;

/// <summary>The stories database on PostgreSQL (<c>Database:Provider=Postgres</c>).</summary>
public static class PostgresDatabase
{
    /// <summary>Whether <c>Database:Provider</c> names PostgreSQL.</summary>
    public static bool IsSelected(string? provider) =>
        string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase)
        || string.Equals(provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase);

    /// <summary>Registers <see cref="PostgresStoriesDbContext"/> as the app's <see cref="StoriesDbContext"/>.</summary>
    public static IServiceCollection AddPostgresStoriesDatabase(this IServiceCollection services, string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString) || !connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                "Database:Provider is Postgres, so ConnectionStrings:Stories must be a PostgreSQL connection string (Host=...;Database=...;Username=...;Password=...).");
        }

        services.AddDbContextPool<StoriesDbContext, PostgresStoriesDbContext>(options => options
            .UseNpgsql(connectionString, npgsql => npgsql.CommandTimeout(30)));
        return services;
    }
}
