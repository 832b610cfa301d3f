using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StateHub.Domain.Inbox;
using StateHub.Domain.InterfaceChanges;
using StateHub.Domain.Repos;

namespace StateHub.Infrastructure.Persistence.Configurations;

internal sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> builder)
    {
        builder.ToTable("inbox_messages");
        builder.ConfigureEntityBase();
        builder.HasOne<ManagedRepo>().WithMany().HasForeignKey(m => m.RepoId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<InterfaceChange>().WithMany().HasForeignKey(m => m.InterfaceChangeId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(m => m.Actor).HasMaxLength(InboxMessage.ActorMaxLength).IsRequired().HasDefaultValue("anonymous");
        builder.Property(m => m.Kind).HasMaxLength(InboxMessage.KindMaxLength).IsRequired();
        builder.Property(m => m.Subject).HasMaxLength(InboxMessage.SubjectMaxLength).IsRequired();
        builder.Property(m => m.Body).IsRequired();
        builder.Ignore(m => m.IsRead);
        // Two indexes on the same columns, so each is named: an unnamed HasIndex on the same properties
        // is the same index, and the second call used to turn the first into the partial one, leaving
        // the inbox list (read and unread) a sequential scan.
        // The inbox list: all of a repo's messages, newest first.
        builder.HasIndex(m => new { m.RepoId, m.CreatedAt }, "ix_inbox_messages_repo_id_created_at")
            .HasDatabaseName("ix_inbox_messages_repo_id_created_at");
        // Unread counts and the unread filter.
        builder.HasIndex(m => new { m.RepoId, m.CreatedAt }, "ix_inbox_messages_unread")
            .HasDatabaseName("ix_inbox_messages_unread")
            .HasFilter("read_at IS NULL");
        // A change notifies each repo at most once per kind, whatever races happen above.
        builder.HasIndex(m => new { m.InterfaceChangeId, m.RepoId, m.Kind })
            .IsUnique()
            .HasFilter("interface_change_id IS NOT NULL");
    }
}
