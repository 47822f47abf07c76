using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PeoplesStories.Web.Data;

/// <summary>
/// The site's model on PostgreSQL. A type of its own so that its migrations (Data/Migrations/Postgres)
/// and snapshot live apart from SQLite's; the app resolves it as <see cref="StoriesDbContext"/>.
/// The search index (tsvector, GIN index, unaccent) is created by its migrations in raw SQL
/// (<see cref="PostgresSearchSchema"/>), being beyond what the model describes.
/// </summary>
public sealed class PostgresStoriesDbContext(DbContextOptions<PostgresStoriesDbContext> options)
    : StoriesDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);

        // Every time the site keeps is UTC (timestamptz). SQLite hands back times of unspecified kind, which
        // Npgsql refuses to write to timestamptz; this makes any such time UTC, as the site means it.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        // Slugs are compared byte by byte, as on SQLite: the importer finds "slug-2", "slug-3" ... as
        // the range ["slug-", "slug."), which only holds under binary ordering, not a language's collation.
        builder.Entity<Story>().Property(s => s.Slug).UseCollation("C");
        builder.Entity<Section>().Property(s => s.Slug).UseCollation("C");
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>
/// What <c>dotnet ef migrations add … --context PostgresStoriesDbContext</c> builds the model from: the
/// model needs no server, so no connection is opened (the connection string is never used).
/// </summary>
public sealed class PostgresStoriesDesignTimeFactory : IDesignTimeDbContextFactory<PostgresStoriesDbContext>
{
    public PostgresStoriesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresStoriesDbContext>().UseNpgsql("Host=localhost").Options);
}
