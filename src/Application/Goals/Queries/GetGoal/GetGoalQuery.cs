using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Goals.Queries.GetGoal;

public sealed record GetGoalQuery(Guid Id) : IQuery<GoalDto>;

internal sealed class GetGoalQueryHandler(IGoalRepository goals, IMapper mapper)
    : IRequestHandler<GetGoalQuery, GoalDto>
{
    public async Task<GoalDto> Handle(GetGoalQuery request, CancellationToken cancellationToken)
    {
        var goal = await goals.GetByIdAsync(request.Id, cancellationToken)
            ?? throw NotFoundException.Goal(request.Id);
        return mapper.Map<GoalDto>(goal);
    }
}
