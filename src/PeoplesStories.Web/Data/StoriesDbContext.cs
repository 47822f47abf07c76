using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace PeoplesStories.Web.Data;

/// <summary>
/// The site's model. SQLite uses this type itself; PostgreSQL uses <see cref="PostgresStoriesDbContext"/>,
/// registered as this type, so that each provider keeps migrations and a snapshot of its own.
/// </summary>
public class StoriesDbContext : IdentityDbContext<EditorUser>
{
    public StoriesDbContext(DbContextOptions<StoriesDbContext> options)
        : this((DbContextOptions)options)
    {
    }

    /// <summary>For a provider's own context type, which passes its own options.</summary>
    protected StoriesDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>
    /// The site's clock, the application's <see cref="TimeProvider"/> service, found when first needed:
    /// contexts are pooled (<c>AddDbContextPool</c>), so the constructor takes the options alone.
    /// </summary>
    private TimeProvider Clock => clock ??= this.GetService<TimeProvider>();

    private TimeProvider? clock;

    /// <summary>
    /// Whether the context is on PostgreSQL (else SQLite), found once per context. EF Core's
    /// <c>IsNpgsql()</c> and <c>IsSqlite()</c> compare the provider's assembly name with their own,
    /// asking both assemblies for their names again on every call (about 0.8% of a search's CPU
    /// time, for the two it asked). Contexts are pooled, and each keeps what it found.
    /// </summary>
    public bool OnPostgres => onPostgres ??= Database.IsNpgsql();

    private bool? onPostgres;

    public DbSet<Section> Sections => Set<Section>();

    public DbSet<Story> Stories => Set<Story>();

    public DbSet<StoryUpdate> StoryUpdates => Set<StoryUpdate>();

    public DbSet<SourceLink> SourceLinks => Set<SourceLink>();

    public DbSet<StoryRevision> StoryRevisions => Set<StoryRevision>();

    public DbSet<Country> Countries => Set<Country>();

    public DbSet<StoryCountry> StoryCountries => Set<StoryCountry>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<GuestbookEntry> GuestbookEntries => Set<GuestbookEntry>();

    public DbSet<SiteSecret> SiteSecrets => Set<SiteSecret>();

    public DbSet<Submission> Submissions => Set<Submission>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Stamp();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Stamp();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Identity's tables (AspNetUsers, AspNetRoles, ...) first, then the stories' own configuration.
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(StoriesDbContext).Assembly);
    }

    /// <summary>Timestamps and the concurrency token move with every save, whoever saves.</summary>
    private void Stamp()
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        foreach (var entry in ChangeTracker.Entries<Story>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    entry.Entity.CreatedAt = entry.Entity.CreatedAt == default ? now : entry.Entity.CreatedAt;
                    entry.Entity.UpdatedAt = now;
                    entry.Entity.Version = 1;
                    break;
                case EntityState.Modified:
                    entry.Entity.UpdatedAt = now;
                    entry.Entity.Version++;
                    break;
                default:
                    break;
            }
        }
    }
}

/// <summary>
/// What <c>dotnet ef migrations add … --context StoriesDbContext</c> and <c>dotnet ef dbcontext optimize</c>
/// build the SQLite model from (no database is opened). Without it the tools would take the PostgreSQL
/// context's factory for this type too, <see cref="PostgresStoriesDbContext"/> being one.
/// </summary>
public sealed class SqliteStoriesDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<StoriesDbContext>
{
    public StoriesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<StoriesDbContext>().UseSqlite("Data Source=:memory:").Options);
}
