using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PeoplesStories.Web.Data;

namespace PeoplesStories.Web.Editor;

/// <summary>An editor as the admin page lists them.</summary>
public sealed record EditorListing(string Id, string Email, string? DisplayName, string Role, bool Disabled, bool LockedOut, DateTime CreatedAt);

/// <summary>The result of creating an editor: Identity's answer, and the password when one was generated.</summary>
public sealed record EditorCreation(IdentityResult Result, EditorUser? User, string? GeneratedPassword);

/// <summary>Creating and managing editor accounts, shared by the command line and the admin page. Every change is audited.</summary>
public sealed class EditorDirectory(UserManager<EditorUser> users, RoleManager<IdentityRole> roles, AuditLog audit, TimeProvider clock)
{
    /// <summary>Creates an editor (role Editor, or Admin); with no password, a strong one is generated and returned once.</summary>
    public async Task<EditorCreation> CreateAsync(string email, string? password, bool admin, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        await EnsureRolesAsync();
        var generated = string.IsNullOrEmpty(password) ? PasswordGenerator.Generate() : null;
        var user = new EditorUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user, password ?? generated!);
        if (!result.Succeeded)
        {
            return new EditorCreation(result, null, null);
        }

        var role = admin ? EditorRoles.Admin : EditorRoles.Editor;
        result = await users.AddToRoleAsync(user, role);
        if (!result.Succeeded)
        {
            await users.DeleteAsync(user);
            return new EditorCreation(result, null, null);
        }

        await audit.WriteAsync(AuditActions.EditorCreated, actor, user.Email, $"role {role}", cancellationToken);
        return new EditorCreation(result, user, generated);
    }

    public async Task<IReadOnlyList<EditorListing>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = await users.Users.OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var admins = (await users.GetUsersInRoleAsync(EditorRoles.Admin)).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var editors = (await users.GetUsersInRoleAsync(EditorRoles.Editor)).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        return all.Select(u => new EditorListing(
                u.Id,
                u.Email ?? u.UserName ?? u.Id,
                u.DisplayName,
                admins.Contains(u.Id) ? EditorRoles.Admin : editors.Contains(u.Id) ? EditorRoles.Editor : "none",
                u.Disabled,
                u.LockoutEnd is { } end && end > now,
                u.CreatedAt))
            .ToList();
    }

    public async Task<IdentityResult> SetDisabledAsync(string userId, bool disabled, string actor, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return IdentityResult.Failed(new IdentityError { Code = "NotFound", Description = "There is no such editor." });
        }

        if (user.Disabled == disabled)
        {
            return IdentityResult.Success;
        }

        user.Disabled = disabled;
        var result = await users.UpdateAsync(user);
        if (result.Succeeded)
        {
            // A new security stamp ends the editor's open sessions at their next check.
            await users.UpdateSecurityStampAsync(user);
            await audit.WriteAsync(disabled ? AuditActions.EditorDisabled : AuditActions.EditorEnabled, actor, user.Email, null, cancellationToken);
        }

        return result;
    }

    public async Task<IdentityResult> SetRoleAsync(string userId, string role, string actor, CancellationToken cancellationToken = default)
    {
        if (!EditorRoles.All.Contains(role, StringComparer.Ordinal))
        {
            return IdentityResult.Failed(new IdentityError { Code = "UnknownRole", Description = "Choose Editor or Admin." });
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return IdentityResult.Failed(new IdentityError { Code = "NotFound", Description = "There is no such editor." });
        }

        await EnsureRolesAsync();
        var current = await users.GetRolesAsync(user);
        if (current.Count == 1 && current[0] == role)
        {
            return IdentityResult.Success;
        }

        var removed = await users.RemoveFromRolesAsync(user, current.Intersect(EditorRoles.All, StringComparer.Ordinal));
        if (!removed.Succeeded)
        {
            return removed;
        }

        var result = await users.AddToRoleAsync(user, role);
        if (result.Succeeded)
        {
            await audit.WriteAsync(AuditActions.RoleChanged, actor, user.Email, $"{string.Join(", ", current.DefaultIfEmpty("none"))} → {role}", cancellationToken);
        }

        return result;
    }

    private async Task EnsureRolesAsync()
    {
        foreach (var role in EditorRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }
}
