using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PeoplesStories.Archive;
using PeoplesStories.Archive.Countries;
using PeoplesStories.Archive.Text;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Editor;
using PeoplesStories.Web.Editor.Stories;
using PeoplesStories.Web.Guestbook;
using PeoplesStories.Web.Import;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.Web.Submissions;

/// <summary>A story as the visitor sent it, already validated: paragraphs and links parsed, the country checked.</summary>
public sealed record StorySubmission(
    string Title,
    IReadOnlyList<string> Paragraphs,
    string? CountryCode,
    IReadOnlyList<ArchiveLink> Links,
    ArchiveDate? Date,
    string? DateText,
    string? SubmitterName,
    string? SubmitterContact,
    string? Honeypot,
    string? FormTime,
    IPAddress? Client);

/// <summary>A submission in the editors' queue (contact details included: editors only).</summary>
public sealed record SubmissionListing(
    int Id, string Title, string ReferenceCode, string? SubmitterName, string? SubmitterContact, DateTime CreatedAt,
    SubmissionState State, string? HeldReason, string? ReviewedBy, DateTime? ReviewedAt, string? RejectionReason);

/// <summary>A submission with its whole story, for the review page.</summary>
public sealed record SubmissionReview(SubmissionListing Submission, int StoryId, string Byline, IReadOnlyList<string> Paragraphs, string? DateText, IReadOnlyList<string> Links, IReadOnlyList<string> Countries);

/// <summary>Submit a Story: storing a reader's story as Pending with its private submission record, and the editors' review.</summary>
public sealed class SubmissionDesk(
    StoriesDbContext db,
    ClientHasher hasher,
    GuestbookFormClock formClock,
    IOptionsSnapshot<SubmitOptions> options,
    AuditLog audit,
    ContentVersion contentVersion,
    TimeProvider clock)
{
    public const string SectionName = "Readers’ stories";
    public const string AnonymousByline = "a reader";
    public const int TitleMaxLength = 300;
    public const int StoryMaxLength = 20_000;
    public const int MaxSources = 20;

    /// <summary>Room for <see cref="MaxSources"/> long addresses, one a line.</summary>
    public const int SourcesMaxLength = 10_000;

    /// <summary>A date as people write it ("15 March 2024") is far shorter.</summary>
    public const int DateMaxLength = 40;

    /// <summary>No 0/O, 1/I/L: easy to read aloud and to type back.</summary>
    private const string CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>Stores the story (Pending) and its submission; returns the reference code.</summary>
    public async Task<Submission> SubmitAsync(StorySubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var now = clock.GetUtcNow().UtcDateTime;
        var byline = string.IsNullOrWhiteSpace(submission.SubmitterName) ? AnonymousByline : submission.SubmitterName;
        var update = StoryMapping.ToEntity(
            new ArchiveUpdate(0, submission.Date, submission.Date is null ? null : submission.DateText, false, null, submission.Paragraphs, submission.Links), 0);
        update.SourceLine = null;

        var story = new Story
        {
            Slug = await StoryNaming.AllocateSlugAsync(db, submission.Title, cancellationToken),
            Title = submission.Title,
            Byline = byline,
            MatchKey = StoryMapping.StoryKey(submission.Title, byline),
            SectionId = await StoryNaming.SectionIdAsync(db, SectionName, cancellationToken),
            State = StoryState.Pending,
            CreatedAt = now,
        };
        story.Updates.Add(update);
        story.RefreshLatestUpdate();
        foreach (var tag in Countries(submission))
        {
            story.Countries.Add(tag);
        }

        var entry = new Submission
        {
            Story = story,
            ReferenceCode = await NewReferenceCodeAsync(cancellationToken),
            SubmitterName = submission.SubmitterName,
            SubmitterContact = submission.SubmitterContact,
            ClientHash = await hasher.HashAsync(submission.Client, cancellationToken),
            CreatedAt = now,
            State = SubmissionState.Pending,
            HeldReason = Suspicion(submission),
        };
        db.Submissions.Add(entry);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await AddFirstRevisionAsync(story, entry, cancellationToken);
                return entry;
            }
            catch (DbUpdateException) when (attempt < 10)
            {
                // Another submission took the slug (or, far less likely, the code) in the meantime: choose again.
                story.Slug = await StoryNaming.AllocateSlugAsync(db, submission.Title, cancellationToken);
                entry.ReferenceCode = await NewReferenceCodeAsync(cancellationToken);
            }
        }
    }

    /// <summary>The story's first revision, as the reader sent it (their contact details are not part of a story), so an editor's later changes can be compared with it.</summary>
    private async Task AddFirstRevisionAsync(Story story, Submission entry, CancellationToken cancellationToken)
    {
        await db.Entry(story).Reference(s => s.Section).LoadAsync(cancellationToken);
        db.StoryRevisions.Add(new StoryRevision
        {
            StoryId = story.Id,
            Number = 1,
            Kind = RevisionKinds.Submitted,
            Author = story.Byline,
            CreatedAt = entry.CreatedAt,
            Summary = $"submitted through Submit a Story ({entry.ReferenceCode})",
            Snapshot = StorySnapshot.FromStory(story).ToJson(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<bool> ReferenceExistsAsync(string code, CancellationToken cancellationToken = default) =>
        db.Submissions.AnyAsync(s => s.ReferenceCode == code, cancellationToken);

    public Task<int> PendingCountAsync(CancellationToken cancellationToken = default) =>
        db.Submissions.CountAsync(s => s.State == SubmissionState.Pending, cancellationToken);

    /// <summary>Every submission, Pending first, newest first within.</summary>
    public async Task<IReadOnlyList<SubmissionListing>> QueueAsync(CancellationToken cancellationToken = default) =>
        await Listing(db.Submissions.AsNoTracking()
                .OrderBy(s => s.State == SubmissionState.Pending ? 0 : 1)
                .ThenByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
                .Take(200))
            .ToListAsync(cancellationToken);

    public async Task<SubmissionReview?> ReviewAsync(int id, CancellationToken cancellationToken = default)
    {
        var listing = await Listing(db.Submissions.AsNoTracking().Where(s => s.Id == id)).FirstOrDefaultAsync(cancellationToken);
        if (listing is null)
        {
            return null;
        }

        var storyId = await db.Submissions.Where(s => s.Id == id).Select(s => s.StoryId).SingleAsync(cancellationToken);
        var story = await db.Stories.AsNoTracking().Where(s => s.Id == storyId)
            .Include(s => s.Updates).ThenInclude(u => u.Links)
            .Include(s => s.Countries).ThenInclude(c => c.Country)
            .AsSplitQuery()
            .SingleAsync(cancellationToken);
        var update = story.Updates.OrderBy(u => u.Position).FirstOrDefault();
        return new SubmissionReview(
            listing,
            story.Id,
            story.Byline,
            update?.Paragraphs ?? [],
            update?.DateText,
            update is null ? [] : [.. update.Links.OrderBy(l => l.Position).Select(l => l.Url)],
            [.. story.Countries.OrderByDescending(c => c.IsPrimary).ThenByDescending(c => c.Mentions).ThenBy(c => c.CountryCode, StringComparer.Ordinal).Select(c => c.Country.Name)]);
    }

    /// <summary>Publishes a pending submission's story; false when there is no such pending submission.</summary>
    public async Task<bool> PublishAsync(int id, string actor, CancellationToken cancellationToken = default)
    {
        var submission = await db.Submissions.Include(s => s.Story).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (submission is not { State: SubmissionState.Pending })
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        submission.State = SubmissionState.Published;
        submission.ReviewedBy = actor;
        submission.ReviewedAt = now;
        submission.Story.State = StoryState.Published;
        submission.Story.PublishedAt = now;
        submission.Story.PublishedBy = actor;
        await db.SaveChangesAsync(cancellationToken);
        contentVersion.Changed();
        await audit.WriteAsync(SubmissionAuditActions.Publish, actor, Subject(submission), submission.Story.Title, cancellationToken);
        return true;
    }

    /// <summary>Rejects a pending submission with the editor's reason; false when there is no such pending submission.</summary>
    public async Task<bool> RejectAsync(int id, string reason, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var submission = await db.Submissions.Include(s => s.Story).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (submission is not { State: SubmissionState.Pending })
        {
            return false;
        }

        submission.State = SubmissionState.Rejected;
        submission.ReviewedBy = actor;
        submission.ReviewedAt = clock.GetUtcNow().UtcDateTime;
        submission.RejectionReason = reason;
        submission.Story.State = StoryState.Rejected;
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(SubmissionAuditActions.Reject, actor, Subject(submission), reason, cancellationToken);
        return true;
    }

    private static string Subject(Submission submission) => $"submission {submission.Id} ({submission.ReferenceCode})";

    private static IQueryable<SubmissionListing> Listing(IQueryable<Submission> query) =>
        query.Select(s => new SubmissionListing(
            s.Id, s.Story.Title, s.ReferenceCode, s.SubmitterName, s.SubmitterContact, s.CreatedAt, s.State, s.HeldReason, s.ReviewedBy, s.ReviewedAt, s.RejectionReason));

    /// <summary>The chosen country first (primary), then every country the title and paragraphs name.</summary>
    private static List<StoryCountry> Countries(StorySubmission submission)
    {
        var tags = CountryGazetteer.Default.Tag(submission.Title, submission.Paragraphs);
        var result = new List<StoryCountry>();
        if (submission.CountryCode is { } chosen)
        {
            var named = tags.FirstOrDefault(t => t.Code == chosen);
            result.Add(new StoryCountry { CountryCode = chosen, Mentions = named?.Mentions ?? 0, IsPrimary = true });
            result.AddRange(tags.Where(t => t.Code != chosen).Select(t => new StoryCountry { CountryCode = t.Code, Mentions = t.Mentions, IsPrimary = false }));
        }
        else
        {
            result.AddRange(tags.Select(t => new StoryCountry { CountryCode = t.Code, Mentions = t.Mentions, IsPrimary = t.IsPrimary }));
        }

        return result;
    }

    private string? Suspicion(StorySubmission submission)
    {
        if (!string.IsNullOrEmpty(submission.Honeypot))
        {
            return "honeypot field filled";
        }

        var minimum = options.Value.MinimumSecondsToSubmit;
        if (minimum <= 0)
        {
            return null;
        }

        var elapsed = formClock.Elapsed(submission.FormTime);
        if (elapsed is null)
        {
            return "form time missing or forged";
        }

        return elapsed.Value < TimeSpan.FromSeconds(minimum)
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"posted {elapsed.Value.TotalSeconds:0.#} s after the form was served")
            : null;
    }

    private async Task<string> NewReferenceCodeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var code = RandomNumberGenerator.GetString(CodeAlphabet, Submission.ReferenceCodeLength);
            if (!await db.Submissions.AnyAsync(s => s.ReferenceCode == code, cancellationToken))
            {
                return code;
            }
        }
    }
}

/// <summary>The audit log's review actions.</summary>
public static class SubmissionAuditActions
{
    public const string Publish = "publish";
    public const string Reject = "reject";
}
