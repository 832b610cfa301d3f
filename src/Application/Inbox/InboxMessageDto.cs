using AutoMapper;
using StateHub.Domain.Inbox;

namespace StateHub.Application.Inbox;

/// <summary>A message in a repo's inbox as the API shows it.</summary>
public sealed record InboxMessageDto
{
    public Guid Id { get; init; }

    public Guid RepoId { get; init; }

    /// <summary>The recipient repo.</summary>
    public string RepoSlug { get; init; } = null!;

    /// <summary>What the message is about, e.g. <c>interface_change_published</c> or <c>interface_change_resolved</c>.</summary>
    public string Kind { get; init; } = null!;

    public string Subject { get; init; } = null!;

    public string Body { get; init; } = null!;

    /// <summary>The interface change the message is about, if any.</summary>
    public Guid? InterfaceChangeId { get; init; }

    /// <summary>When the message was first marked read; null while unread.</summary>
    public DateTimeOffset? ReadAt { get; init; }

    /// <summary>Who caused it: the API key's name, <c>admin</c> for the bootstrap key, <c>anonymous</c> without a key, <c>system</c> for the hub's own work.</summary>
    public string Actor { get; init; } = null!;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    private sealed class Mapping : Profile
    {
        // The entity holds the recipient's id only; handlers fill in the slug they resolved.
        public Mapping() =>
            CreateMap<InboxMessage, InboxMessageDto>()
                .ForMember(d => d.RepoSlug, o => o.Ignore());
    }
}
