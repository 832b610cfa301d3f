using System.Globalization;
using System.Text;
using System.Text.Json;
using StateHub.Domain.Common;
using StateHub.Domain.Events;
using StateHub.Domain.Inbox;
using StateHub.Domain.InterfaceChanges;

namespace StateHub.Application.InterfaceChanges;

/// <summary>
/// The words an interface change is announced in: the inbox message each affected repo gets and
/// the entry on the origin's timeline. Wire text, so it lives here rather than on the entity.
/// </summary>
public static class InterfaceChangeNotices
{
    /// <summary>
    /// The inbox message that tells one affected repo where this change stands: that it was
    /// published (what changes, where, when) or that it was resolved (and how).
    /// </summary>
    public static InboxMessage NoticeTo(InterfaceChange change, Guid repoId, string originRepoSlug)
    {
        var (kind, verb) = Stage(change);
        var subject = $"{EnumWire.Name(change.ChangeType)} {EnumWire.Name(change.InterfaceType)} change {verb}: {change.Title}";
        var body = new StringBuilder();
        if (change.Status == InterfaceChangeStatus.Resolved)
        {
            body.Append("Resolution note: ").AppendLine(string.IsNullOrWhiteSpace(change.ResolutionNote) ? "none given." : change.ResolutionNote.Trim());
            body.AppendLine();
        }

        body.AppendLine(string.IsNullOrWhiteSpace(change.Description) ? "No description given." : change.Description.Trim());
        body.AppendLine();
        body.Append("Origin repo: ").AppendLine(originRepoSlug);
        body.Append("Change type: ").AppendLine(EnumWire.Name(change.ChangeType));
        body.Append("Interface type: ").AppendLine(EnumWire.Name(change.InterfaceType));
        if (change.AffectedPaths.Count == 0)
        {
            body.AppendLine("Affected paths: none listed");
        }
        else
        {
            body.AppendLine("Affected paths:");
            foreach (var path in change.AffectedPaths)
                body.Append("- ").AppendLine(path);
        }

        body.Append("Planned for: ").AppendLine(PlannedDate(change) ?? "not scheduled");
        body.Append("Interface change id: ").Append(change.Id.ToString());
        return InboxMessage.Create(repoId, kind, subject, body.ToString(), change.Id);
    }

    /// <summary>The entry on the origin repo's timeline for this change's latest step.</summary>
    public static ProgressEvent EventOnOrigin(InterfaceChange change, Guid originRepoId, string originRepoSlug)
    {
        var (kind, verb) = Stage(change);
        var affected = change.AffectedRepoSlugs.Count == 0 ? "no repos" : string.Join(", ", change.AffectedRepoSlugs);
        var summary = $"{char.ToUpperInvariant(verb[0])}{verb[1..]} {EnumWire.Name(change.ChangeType)} {EnumWire.Name(change.InterfaceType)} change '{change.Title}' (affects {affected})";
        if (summary.Length > ProgressEvent.SummaryMaxLength)
            summary = summary[..(ProgressEvent.SummaryMaxLength - 1)] + "…";
        var data = new Dictionary<string, object?>
        {
            ["interface_change_id"] = change.Id,
            ["origin_repo_slug"] = originRepoSlug,
            ["title"] = change.Title,
            ["change_type"] = EnumWire.Name(change.ChangeType),
            ["interface_type"] = EnumWire.Name(change.InterfaceType),
            ["status"] = EnumWire.Name(change.Status),
            ["affected_repo_slugs"] = change.AffectedRepoSlugs,
            ["affected_paths"] = change.AffectedPaths,
            ["planned_for"] = PlannedDate(change),
            ["published_at"] = change.PublishedAt,
        };
        if (change.Status == InterfaceChangeStatus.Resolved)
        {
            data["resolved_at"] = change.ResolvedAt;
            data["resolution_note"] = change.ResolutionNote;
        }

        return ProgressEvent.Create(originRepoId, kind, summary, JsonSerializer.Serialize(data));
    }

    private static (string Kind, string Verb) Stage(InterfaceChange change) => change.Status switch
    {
        InterfaceChangeStatus.Published => (InboxMessage.InterfaceChangePublishedKind, "published"),
        InterfaceChangeStatus.Resolved => (InboxMessage.InterfaceChangeResolvedKind, "resolved"),
        _ => throw new InvalidOperationException("A draft has not been announced: it notifies nobody and logs nothing."),
    };

    private static string? PlannedDate(InterfaceChange change) => change.PlannedFor?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
