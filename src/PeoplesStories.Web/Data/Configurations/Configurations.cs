using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PeoplesStories.Web.Data.Configurations;

internal sealed class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> builder)
    {
        builder.Property(s => s.Slug).HasMaxLength(100);
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.HasIndex(s => s.Slug).IsUnique();
    }
}

internal sealed class StoryConfiguration : IEntityTypeConfiguration<Story>
{
    public void Configure(EntityTypeBuilder<Story> builder)
    {
        builder.Property(s => s.Slug).HasMaxLength(120);
        builder.Property(s => s.Title).HasMaxLength(500);
        builder.Property(s => s.Byline).HasMaxLength(500);
        builder.Property(s => s.MatchKey).HasMaxLength(32);
        builder.Property(s => s.SourceFile).HasMaxLength(260);
        builder.Property(s => s.PublishedBy).HasMaxLength(256);
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.HasIndex(s => new { s.State, s.LatestUpdateOn });
        builder.HasOne(s => s.Section).WithMany(s => s.Stories).HasForeignKey(s => s.SectionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Updates).WithOne(u => u.Story).HasForeignKey(u => u.StoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Countries).WithOne(c => c.Story).HasForeignKey(c => c.StoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Revisions).WithOne(r => r.Story).HasForeignKey(r => r.StoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StoryRevisionConfiguration : IEntityTypeConfiguration<StoryRevision>
{
    public void Configure(EntityTypeBuilder<StoryRevision> builder)
    {
        builder.Property(r => r.Kind).HasMaxLength(20);
        builder.Property(r => r.Author).HasMaxLength(256);
        builder.Property(r => r.Summary).HasMaxLength(StoryRevision.SummaryMaxLength);
        builder.HasIndex(r => new { r.StoryId, r.Number }).IsUnique();
    }
}

internal sealed class StoryUpdateConfiguration : IEntityTypeConfiguration<StoryUpdate>
{
    public void Configure(EntityTypeBuilder<StoryUpdate> builder)
    {
        builder.Property(u => u.DatePrecision).HasConversion<string>().HasMaxLength(10);
        builder.Property(u => u.DateText).HasMaxLength(60);
        builder.Property(u => u.Headline).HasMaxLength(1000);
        builder.Property(u => u.MatchKey).HasMaxLength(300);
        builder.HasIndex(u => new { u.StoryId, u.Position });
        builder.HasIndex(u => u.DateValue);
        builder.HasMany(u => u.Links).WithOne(l => l.StoryUpdate).HasForeignKey(l => l.StoryUpdateId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(u => u.Date);
        builder.Ignore(u => u.Paragraphs);
    }
}

internal sealed class SourceLinkConfiguration : IEntityTypeConfiguration<SourceLink>
{
    public void Configure(EntityTypeBuilder<SourceLink> builder)
    {
        builder.Property(l => l.Url).HasMaxLength(2048);
        builder.Property(l => l.Host).HasMaxLength(255);
        builder.Property(l => l.DatePrecision).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(l => new { l.StoryUpdateId, l.Position });
    }
}

internal sealed class CountryConfiguration : IEntityTypeConfiguration<Country>
{
    public void Configure(EntityTypeBuilder<Country> builder)
    {
        builder.HasKey(c => c.Code);
        builder.Property(c => c.Code).HasMaxLength(2);
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.Region).HasMaxLength(50);
        builder.Property(c => c.SubRegion).HasMaxLength(100);
    }
}

internal sealed class StoryCountryConfiguration : IEntityTypeConfiguration<StoryCountry>
{
    public void Configure(EntityTypeBuilder<StoryCountry> builder)
    {
        builder.HasKey(c => new { c.StoryId, c.CountryCode });
        builder.Property(c => c.CountryCode).HasMaxLength(2);
        builder.HasOne(c => c.Country).WithMany().HasForeignKey(c => c.CountryCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.CountryCode, c.StoryId });
    }
}

internal sealed class EditorUserConfiguration : IEntityTypeConfiguration<EditorUser>
{
    public void Configure(EntityTypeBuilder<EditorUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.Actor).HasMaxLength(256);
        builder.Property(a => a.Action).HasMaxLength(40);
        builder.Property(a => a.Subject).HasMaxLength(256);
        builder.Property(a => a.Detail).HasMaxLength(1000);
        builder.HasIndex(a => a.At);
    }
}

internal sealed class GuestbookEntryConfiguration : IEntityTypeConfiguration<GuestbookEntry>
{
    public void Configure(EntityTypeBuilder<GuestbookEntry> builder)
    {
        builder.Property(e => e.Name).HasMaxLength(GuestbookEntry.NameMaxLength);
        builder.Property(e => e.CountryCode).HasMaxLength(2);
        builder.Property(e => e.Message).HasMaxLength(GuestbookEntry.MessageMaxLength);
        builder.Property(e => e.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Reason).HasMaxLength(200);
        builder.Property(e => e.ClientHash).HasMaxLength(32);
        builder.Property(e => e.ModeratedBy).HasMaxLength(256);
        builder.HasOne(e => e.Country).WithMany().HasForeignKey(e => e.CountryCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.State, e.CreatedAt });
        builder.HasIndex(e => new { e.ClientHash, e.CreatedAt });
    }
}

internal sealed class SiteSecretConfiguration : IEntityTypeConfiguration<SiteSecret>
{
    public void Configure(EntityTypeBuilder<SiteSecret> builder)
    {
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(100);
    }
}

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> builder)
    {
        builder.Property(s => s.ReferenceCode).HasMaxLength(Submission.ReferenceCodeLength);
        builder.Property(s => s.SubmitterName).HasMaxLength(Submission.NameMaxLength);
        builder.Property(s => s.SubmitterContact).HasMaxLength(Submission.ContactMaxLength);
        builder.Property(s => s.ClientHash).HasMaxLength(32);
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.HeldReason).HasMaxLength(200);
        builder.Property(s => s.ReviewedBy).HasMaxLength(256);
        builder.Property(s => s.RejectionReason).HasMaxLength(Submission.ReasonMaxLength);
        builder.HasIndex(s => s.ReferenceCode).IsUnique();
        builder.HasIndex(s => s.StoryId).IsUnique();
        builder.HasIndex(s => new { s.State, s.CreatedAt });
        builder.HasOne(s => s.Story).WithMany().HasForeignKey(s => s.StoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
