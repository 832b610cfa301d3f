using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StateHub.Domain.InterfaceChanges;
using StateHub.Domain.Repos;

namespace StateHub.Infrastructure.Persistence.Configurations;

internal sealed class InterfaceChangeConfiguration : IEntityTypeConfiguration<InterfaceChange>
{
    public void Configure(EntityTypeBuilder<InterfaceChange> builder)
    {
        builder.ToTable("interface_changes");
        builder.ConfigureEntityBase();
        builder.HasOne<ManagedRepo>().WithMany().HasForeignKey(c => c.OriginRepoId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Title).HasMaxLength(InterfaceChange.TitleMaxLength).IsRequired();
        builder.Property(c => c.Description).HasMaxLength(InterfaceChange.DescriptionMaxLength);
        builder.Property(c => c.ChangeType).IsSnakeCaseEnum().IsRequired();
        builder.Property(c => c.InterfaceType).IsSnakeCaseEnum().IsRequired();
        builder.Property(c => c.Status).IsSnakeCaseEnum().IsRequired();
        builder.Property(c => c.AffectedRepoSlugs).IsRequired();
        builder.Property(c => c.AffectedPaths).IsRequired();
        builder.Property(c => c.ResolutionNote).HasMaxLength(InterfaceChange.ResolutionNoteMaxLength);
        builder.Property(c => c.ResolutionForced).HasDefaultValue(false);
        builder.Ignore(c => c.PendingConsumerSlugs);
        builder.OwnsMany(c => c.Consumers, consumer =>
        {
            consumer.ToTable("interface_change_consumers");
            consumer.WithOwner().HasForeignKey("InterfaceChangeId");
            consumer.HasKey("InterfaceChangeId", nameof(InterfaceChangeConsumer.RepoSlug));
            consumer.Property(c => c.RepoSlug).HasMaxLength(63);
            consumer.Property(c => c.Status).IsSnakeCaseEnum().IsRequired();
            consumer.Property(c => c.Note).HasMaxLength(InterfaceChangeConsumer.NoteMaxLength);
            consumer.Property(c => c.UpdatedAt).IsRequired();
            consumer.Ignore(c => c.IsPending);
            // Dispatch looks up one repo's status across changes.
            consumer.HasIndex(nameof(InterfaceChangeConsumer.RepoSlug), nameof(InterfaceChangeConsumer.Status));
        });
        builder.Navigation(c => c.Consumers).AutoInclude();
        // EFCore.PG translates Contains on an array column to the index-usable @> only when the
        // model declares a GIN index on it; otherwise it emits = ANY(...), which scans the table.
        builder.HasIndex(c => c.AffectedRepoSlugs).HasMethod("gin");
        builder.HasIndex(c => new { c.Status, c.CreatedAt });
        // The unfiltered list, newest first (created_at desc, id desc): its first page is read off this index backwards.
        builder.HasIndex(c => new { c.CreatedAt, c.Id });
        builder.HasIndex(c => c.OriginRepoId);
    }
}
