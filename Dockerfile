# One image recipe for every service; the build argument names which. From the repository root:
#   docker build --build-arg SERVICE=services/intake/Intake.Api -t integration/intake:<version> .
# SERVICE is the project folder (its .csproj is named after the folder): services/intake/Intake.Api,
# services/referrals/Referrals.Api, services/mediators/Mediators.Api, services/gateway/Gateway or
# services/portal/Portal.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG SERVICE
WORKDIR /src

# Restore from the project files alone, so a change to the sources reuses the restored packages' layer.
COPY global.json NuGet.config Directory.Build.props Directory.Packages.props ./
COPY services/shared/ServiceDefaults/Integration.ServiceDefaults.csproj services/shared/ServiceDefaults/
COPY services/shared/Eventing/Integration.Eventing.csproj services/shared/Eventing/
COPY services/shared/Vocabulary/Integration.Vocabulary.csproj services/shared/Vocabulary/
COPY services/intake/Intake.Contracts/Intake.Contracts.csproj services/intake/Intake.Contracts/
COPY services/referrals/Referrals.Contracts/Referrals.Contracts.csproj services/referrals/Referrals.Contracts/
COPY services/mediators/Mediators.Contracts/Mediators.Contracts.csproj services/mediators/Mediators.Contracts/
COPY services/intake/Intake.Api/Intake.Api.csproj services/intake/Intake.Api/
COPY services/referrals/Referrals.Api/Referrals.Api.csproj services/referrals/Referrals.Api/
COPY services/mediators/Mediators.Api/Mediators.Api.csproj services/mediators/Mediators.Api/
COPY services/gateway/Gateway/Gateway.csproj services/gateway/Gateway/
COPY services/portal/Portal/Portal.csproj services/portal/Portal/
RUN test -n "$SERVICE" || { echo "--build-arg SERVICE=<project folder> is required" >&2; exit 1; } \
 && dotnet restore "$SERVICE/$(basename "$SERVICE").csproj" --nologo

COPY services/ services/
RUN dotnet publish "$SERVICE/$(basename "$SERVICE").csproj" --no-restore --configuration Release --output /app --nologo \
 && echo "$(basename "$SERVICE")" > /app/service-name

# The runtime image runs as its non-root "app" user and writes nothing but /tmp, so the pod can
# mount the root filesystem read-only with an emptyDir at /tmp.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["/bin/sh", "-c", "exec dotnet \"$(cat /app/service-name).dll\""]
