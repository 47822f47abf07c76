using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PeoplesStories.Web.Data;
using PeoplesStories.Web.Editor;
using PeoplesStories.Web.Reading;

namespace PeoplesStories.Web.Guestbook;

/// <summary>A signature as the visitor sent it, already validated.</summary>
public sealed record GuestbookSignature(string Name, string? CountryCode, string Message, string? Honeypot, string? FormTime, IPAddress? Client);

/// <summary>An entry as readers and editors see it.</summary>
public sealed record GuestbookListing(long Id, string Name, string? CountryName, string Message, DateTime CreatedAt, GuestbookState State, string? Reason, string? ModeratedBy, DateTime? ModeratedAt);

/// <summary>What an editor can do to an entry.</summary>
public enum GuestbookAction
{
    Approve,
    Hide,
    Spam,
    Delete,
    Restore,
}

/// <summary>The guestbook: signing (with its spam checks), the public list, and moderation.</summary>
public sealed class GuestbookBook(StoriesDbContext db, ClientHasher hasher, GuestbookFormClock formClock, IOptionsSnapshot<GuestbookOptions> options, AuditLog audit, TimeProvider clock)
{
    public const int PageSize = 20;
    public const int ModerationPageSize = 50;

    /// <summary>Stores a signature: Published, or Pending with the reason when anything about it looks like spam or all entries are held.</summary>
    public async Task<GuestbookEntry> SignAsync(GuestbookSignature signature, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var clientHash = await hasher.HashAsync(signature.Client, cancellationToken);
        var reason = await SuspicionAsync(signature, settings, clientHash, now, cancellationToken);
        if (reason is null && settings.HoldAllForApproval)
        {
            reason = "all entries held for approval";
        }

        var entry = new GuestbookEntry
        {
            Name = signature.Name,
            CountryCode = signature.CountryCode,
            Message = signature.Message,
            CreatedAt = now,
            State = reason is null ? GuestbookState.Published : GuestbookState.Pending,
            Reason = reason,
            ClientHash = clientHash,
        };
        db.GuestbookEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    public async Task<PagedList<GuestbookListing>> PublishedAsync(int page, CancellationToken cancellationToken = default)
    {
        var query = db.GuestbookEntries.AsNoTracking().Where(e => e.State == GuestbookState.Published);
        var total = await query.CountAsync(cancellationToken);
        var items = await Listing(query.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize))
            .ToListAsync(cancellationToken);
        return new PagedList<GuestbookListing>(items, page, PageSize, total);
    }

    /// <summary>Entries for the editors: one state, or all of them with Pending first; newest first within.</summary>
    public async Task<PagedList<GuestbookListing>> ForModerationAsync(GuestbookState? state, int page, CancellationToken cancellationToken = default)
    {
        var query = db.GuestbookEntries.AsNoTracking();
        if (state is { } only)
        {
            query = query.Where(e => e.State == only);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await Listing(query
                .OrderBy(e => e.State == GuestbookState.Pending ? 0 : 1)
                .ThenByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
                .Skip((page - 1) * ModerationPageSize).Take(ModerationPageSize))
            .ToListAsync(cancellationToken);
        return new PagedList<GuestbookListing>(items, page, ModerationPageSize, total);
    }

    public Task<int> PendingCountAsync(CancellationToken cancellationToken = default) =>
        db.GuestbookEntries.CountAsync(e => e.State == GuestbookState.Pending, cancellationToken);

    /// <summary>Applies an editor's action and audits it; false when there is no such entry.</summary>
    public async Task<bool> ModerateAsync(long id, GuestbookAction action, string actor, CancellationToken cancellationToken = default)
    {
        var entry = await db.GuestbookEntries.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null)
        {
            return false;
        }

        var before = entry.State;
        entry.State = action switch
        {
            GuestbookAction.Approve => GuestbookState.Published,
            GuestbookAction.Hide => GuestbookState.Hidden,
            GuestbookAction.Spam => GuestbookState.Spam,
            GuestbookAction.Delete => GuestbookState.Deleted,
            // A restored entry comes back as readers last could have seen it: published.
            GuestbookAction.Restore => GuestbookState.Published,
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };
        entry.ModeratedBy = actor;
        entry.ModeratedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(AuditActionFor(action), actor, $"guestbook entry {entry.Id}", $"{before} -> {entry.State}: {entry.Name}", cancellationToken);
        return true;
    }

    public static string AuditActionFor(GuestbookAction action) => action switch
    {
        GuestbookAction.Approve => GuestbookAuditActions.Approved,
        GuestbookAction.Hide => GuestbookAuditActions.Hidden,
        GuestbookAction.Spam => GuestbookAuditActions.Spam,
        GuestbookAction.Delete => GuestbookAuditActions.Deleted,
        GuestbookAction.Restore => GuestbookAuditActions.Restored,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    private async Task<string?> SuspicionAsync(GuestbookSignature signature, GuestbookOptions settings, string clientHash, DateTime now, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(signature.Honeypot))
        {
            return "honeypot field filled";
        }

        if (settings.MinimumSecondsToSubmit > 0)
        {
            var elapsed = formClock.Elapsed(signature.FormTime);
            if (elapsed is null)
            {
                return "form time missing or forged";
            }

            if (elapsed.Value < TimeSpan.FromSeconds(settings.MinimumSecondsToSubmit))
            {
                return $"posted {elapsed.Value.TotalSeconds:0.#} s after the form was served";
            }
        }

        var since = now.AddHours(-Math.Max(1, settings.RepeatWindowHours));
        var normalized = GuestbookText.Normalize(signature.Message);
        var sameClient = await db.GuestbookEntries.AsNoTracking()
            .Where(e => e.ClientHash == clientHash && e.CreatedAt >= since)
            .Select(e => e.Message)
            .ToListAsync(cancellationToken);
        if (sameClient.Any(m => GuestbookText.Normalize(m) == normalized))
        {
            return "same message again from the same client";
        }

        var identical = await db.GuestbookEntries.CountAsync(e => e.Message == signature.Message && e.CreatedAt >= since, cancellationToken);
        return identical >= Math.Max(1, settings.IdenticalMessageLimit) ? $"same message signed {identical} times already" : null;
    }

    private static IQueryable<GuestbookListing> Listing(IQueryable<GuestbookEntry> query) =>
        query.Select(e => new GuestbookListing(e.Id, e.Name, e.Country == null ? null : e.Country.Name, e.Message, e.CreatedAt, e.State, e.Reason, e.ModeratedBy, e.ModeratedAt));
}

/// <summary>The audit log's guestbook actions.</summary>
public static class GuestbookAuditActions
{
    public const string Approved = "guestbook-approved";
    public const string Hidden = "guestbook-hidden";
    public const string Spam = "guestbook-spam";
    public const string Deleted = "guestbook-deleted";
    public const string Restored = "guestbook-restored";
}
