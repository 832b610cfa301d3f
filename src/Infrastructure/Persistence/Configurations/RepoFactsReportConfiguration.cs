using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StateHub.Domain.Repos;

namespace StateHub.Infrastructure.Persistence.Configurations;

internal sealed class RepoFactsReportConfiguration : IEntityTypeConfiguration<RepoFactsReport>
{
    public void Configure(EntityTypeBuilder<RepoFactsReport> builder)
    {
        builder.ToTable("repo_facts");
        builder.HasKey(f => f.RepoId);
        builder.HasOne<ManagedRepo>().WithOne().HasForeignKey<RepoFactsReport>(f => f.RepoId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(f => f.RootFiles).IsRequired();
        builder.Property(f => f.WorkplanFiles).HasColumnType("jsonb").IsRequired();
        builder.Property(f => f.RootCommit).HasMaxLength(128);
    }
}
