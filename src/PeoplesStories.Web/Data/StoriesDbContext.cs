using Microsoft.EntityFrameworkCore;

namespace PeoplesStories.Web.Data;

public sealed class StoriesDbContext(DbContextOptions<StoriesDbContext> options, TimeProvider? clock = null) : DbContext(options)
{
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    public DbSet<Section> Sections => Set<Section>();

    public DbSet<Story> Stories => Set<Story>();

    public DbSet<StoryUpdate> StoryUpdates => Set<StoryUpdate>();

    public DbSet<SourceLink> SourceLinks => Set<SourceLink>();

    public DbSet<Country> Countries => Set<Country>();

    public DbSet<StoryCountry> StoryCountries => Set<StoryCountry>();

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

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(StoriesDbContext).Assembly);
    }

    /// <summary>Timestamps and the concurrency token move with every save, whoever saves.</summary>
    private void Stamp()
    {
        var now = clock.GetUtcNow().UtcDateTime;
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
