using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StateHub.Domain.Work;
using StateHub.Infrastructure.Persistence.Conversions;

namespace StateHub.Infrastructure.Persistence.Configurations;

internal sealed class WorkstreamConfiguration : IEntityTypeConfiguration<Workstream>
{
    public void Configure(EntityTypeBuilder<Workstream> builder)
    {
        builder.ToTable("workstreams");
        builder.ConfigureEntityBase();
        builder.HasOne(w => w.Repo).WithMany().HasForeignKey(w => w.RepoId).OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("fk_workstreams_managed_repos_repo_id");
        builder.Property(w => w.Key).HasMaxLength(Workstream.KeyMaxLength).IsRequired();
        builder.Property(w => w.Title).HasMaxLength(Workstream.TitleMaxLength).IsRequired();
        builder.Property(w => w.Status).IsSnakeCaseEnum().IsRequired();
        builder.Property(w => w.SourcePath).HasMaxLength(Workstream.SourcePathMaxLength);
        builder.Ignore(w => w.IsActive);
        builder.HasIndex(w => new { w.RepoId, w.Key }).IsUnique();
        // Dispatch lists a repo's active workstreams by creation.
        builder.HasIndex(w => new { w.RepoId, w.CreatedAt })
            .HasDatabaseName("ix_workstreams_active")
            .HasFilter($"status = {SnakeCaseEnumConverter<WorkstreamStatus>.SqlList(WorkstreamStatus.Active)}");
        builder.HasMany(w => w.Tasks).WithOne().HasForeignKey(t => t.WorkstreamId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(w => w.Tasks).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
