using Microsoft.EntityFrameworkCore;
using PeoplesStories.Archive.Text;

namespace PeoplesStories.Web.Data;

/// <summary>Slugs and sections for stories written on the site (a reader's submission, an editor's new story).</summary>
public static class StoryNaming
{
    /// <summary>The slug the title gives, or the first of "-2", "-3"… not yet taken.</summary>
    public static async Task<string> AllocateSlugAsync(StoriesDbContext db, string title, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var slug = Slug.From(title);
        var prefix = slug + "-";
        var taken = (await db.Stories.AsNoTracking()
                .Where(s => s.Slug == slug || s.Slug.StartsWith(prefix))
                .Select(s => s.Slug)
                .ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        if (!taken.Contains(slug))
        {
            return slug;
        }

        for (var n = 2; ; n++)
        {
            var candidate = prefix + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>The section of that name (matched by its slug), created when there is none.</summary>
    public static async Task<int> SectionIdAsync(StoriesDbContext db, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var slug = Slug.From(name, "section");
        var section = await db.Sections.FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        if (section is not null)
        {
            return section.Id;
        }

        section = new Section { Slug = slug, Name = name.Trim() };
        db.Sections.Add(section);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return section.Id;
        }
        catch (DbUpdateException)
        {
            // Another request created it first: use that one.
            db.Entry(section).State = EntityState.Detached;
            return await db.Sections.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(cancellationToken);
        }
    }
}
