using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace Integration.Platform.Tests;

/// <summary>
/// deploy/k8s as CI sees it: each overlay rendered with <c>kubectl kustomize</c> and checked by
/// deploy/validation/validate.mjs (Kubernetes API schemas, strict fields, the operators' required
/// fields, this project's rules). Broken copies of the manifests must fail it.
/// </summary>
public sealed class KubernetesManifestTests : IDisposable
{
    private readonly List<string> copies = [];

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    [InlineData("prod-database-per-tenant")]
    public async Task an_overlay_renders_and_every_object_is_valid(string overlay)
    {
        var (objects, problems) = await RenderAndValidateAsync(Repository.PathTo("deploy", "k8s", "overlays", overlay));

        Assert.Equal([], problems);
        Assert.Contains(objects, item => Kind(item) == "Cluster");
        Assert.Contains(objects, item => Kind(item) == "RabbitmqCluster");
        Assert.Contains(objects, item => Kind(item) == "Ingress");
    }

    [Theory]
    [InlineData("dev", "false", 1, 1)]
    [InlineData("prod", "true", 3, 2)]
    [InlineData("prod-database-per-tenant", "true", 3, 2)]
    public async Task api_replicas_run_without_the_daemon_workers_run_it_and_prod_uses_quorum_queues_and_two_workers(
        string overlay, string quorumQueues, int apiReplicas, int workerReplicas)
    {
        var (objects, _) = await RenderAndValidateAsync(Repository.PathTo("deploy", "k8s", "overlays", overlay));
        var settings = objects.Single(item => Kind(item) == "ConfigMap" && Name(item).StartsWith("integration-settings", StringComparison.Ordinal));

        Assert.Equal(quorumQueues, settings.GetProperty("data").GetProperty("Messaging__QuorumQueues").GetString());
        foreach (var service in new[] { "intake", "referrals", "mediators" })
        {
            var api = objects.Single(item => Kind(item) == "Deployment" && Name(item) == $"{service}-api");
            var worker = objects.Single(item => Kind(item) == "Deployment" && Name(item) == $"{service}-worker");
            Assert.Equal("false", Environment(api, "EventStore__RunDaemon"));
            Assert.Equal(apiReplicas, api.GetProperty("spec").GetProperty("replicas").GetInt32());
            Assert.Equal("true", Environment(worker, "EventStore__RunDaemon"));
            Assert.Equal(workerReplicas, worker.GetProperty("spec").GetProperty("replicas").GetInt32());
            Assert.False(worker.GetProperty("spec").TryGetProperty("strategy", out _), "workers roll: the daemon's lease and the sweeps' locks allow two at once");
            Assert.Equal(overlay.StartsWith("prod", StringComparison.Ordinal), objects.Any(item => Kind(item) == "PodDisruptionBudget" && Name(item) == $"{service}-worker"));
        }
    }

    [Fact]
    public async Task in_prod_the_apis_reach_postgresql_through_a_transaction_pooler_and_the_connection_budget_fits()
    {
        var (objects, _) = await RenderAndValidateAsync(Repository.PathTo("deploy", "k8s", "overlays", "prod"));
        var pooler = objects.Single(item => Kind(item) == "Pooler").GetProperty("spec");
        var bouncer = pooler.GetProperty("pgbouncer");
        var maxConnections = int.Parse(objects.Single(item => Kind(item) == "Cluster").GetProperty("spec").GetProperty("postgresql")
            .GetProperty("parameters").GetProperty("max_connections").GetString()!, CultureInfo.InvariantCulture);
        var poolerName = objects.Single(item => Kind(item) == "Pooler").GetProperty("metadata").GetProperty("name").GetString();

        Assert.Equal(("integration-pg", "rw", "transaction"),
            (pooler.GetProperty("cluster").GetProperty("name").GetString(), pooler.GetProperty("type").GetString(), bouncer.GetProperty("poolMode").GetString()));
        // The services prepare statements (Max Auto Prepare); through transaction pooling PgBouncer must track them.
        Assert.True(int.Parse(bouncer.GetProperty("parameters").GetProperty("max_prepared_statements").GetString()!, CultureInfo.InvariantCulture) > 0);
        var serverConnections = pooler.GetProperty("instances").GetInt32()
            * int.Parse(bouncer.GetProperty("parameters").GetProperty("default_pool_size").GetString()!, CultureInfo.InvariantCulture) * 3;
        foreach (var service in new[] { "intake", "referrals", "mediators" })
        {
            var api = new NpgsqlConnectionStringBuilder(Environment(Deployment(objects, $"{service}-api"), "ConnectionStrings__Postgres"));
            var worker = Deployment(objects, $"{service}-worker");
            var direct = new NpgsqlConnectionStringBuilder(Environment(worker, "ConnectionStrings__Postgres"));
            Assert.Equal((poolerName, service), (api.Host, api.Database));
            Assert.Equal(("integration-pg-rw", service), (direct.Host, direct.Database));
            serverConnections += worker.GetProperty("spec").GetProperty("replicas").GetInt32() * direct.MaxPoolSize;
        }

        Assert.True(serverConnections <= maxConnections * 8 / 10,
            $"the poolers and the workers may open {serverConnections} of PostgreSQL's {maxConnections} connections; keep a fifth for operators and replication");
    }

    [Fact]
    public async Task the_database_per_tenant_overlay_switches_the_storage_mode_lets_the_role_create_databases_and_names_a_citys_own_server()
    {
        var (conjoined, _) = await RenderAndValidateAsync(Repository.PathTo("deploy", "k8s", "overlays", "prod"));
        var (objects, _) = await RenderAndValidateAsync(Repository.PathTo("deploy", "k8s", "overlays", "prod-database-per-tenant"));

        static string? Storage(IEnumerable<JsonElement> rendered) =>
            rendered.Single(item => Kind(item) == "ConfigMap" && Name(item).StartsWith("integration-settings", StringComparison.Ordinal))
                .GetProperty("data").TryGetProperty("Tenancy__Storage", out var storage) ? storage.GetString() : null;
        Assert.Equal((null, "DatabasePerTenant"), (Storage(conjoined), Storage(objects)));
        var role = objects.Single(item => Kind(item) == "Cluster").GetProperty("spec").GetProperty("managed").GetProperty("roles")[0];
        Assert.Equal(("integration", true), (role.GetProperty("name").GetString(), role.GetProperty("createdb").GetBoolean()));
        foreach (var service in new[] { "intake", "referrals", "mediators" })
        {
            foreach (var deployment in new[] { $"{service}-api", $"{service}-worker" })
            {
                var city = Deployment(objects, deployment).GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0]
                    .GetProperty("env").EnumerateArray().Single(variable => variable.GetProperty("name").GetString() == "Tenancy__Databases__torino")
                    .GetProperty("valueFrom").GetProperty("secretKeyRef");
                Assert.Equal(("integration-tenant-torino", service), (city.GetProperty("name").GetString(), city.GetProperty("key").GetString()));
            }
        }
    }

    [Fact]
    public async Task in_dev_every_process_connects_to_the_primary()
    {
        var (objects, _) = await RenderAndValidateAsync(Repository.PathTo("deploy", "k8s", "overlays", "dev"));

        Assert.DoesNotContain(objects, item => Kind(item) == "Pooler");
        foreach (var deployment in new[] { "intake-api", "intake-worker", "referrals-api", "referrals-worker", "mediators-api", "mediators-worker" })
        {
            Assert.Equal("integration-pg-rw", new NpgsqlConnectionStringBuilder(Environment(Deployment(objects, deployment), "ConnectionStrings__Postgres")).Host);
        }
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task each_service_connects_to_rabbitmq_as_its_own_user_allowed_what_permissions_tsv_lists(string overlay)
    {
        var (objects, _) = await RenderAndValidateAsync(Repository.PathTo("deploy", "k8s", "overlays", overlay));

        foreach (var expected in BrokerRights.OfServices())
        {
            var user = $"integration-{expected.Service}";
            Assert.Contains(objects, item => Kind(item) == "User" && Name(item) == user);
            var permission = objects.Single(item => Kind(item) == "Permission" && Name(item) == user).GetProperty("spec");
            Assert.Equal(user, permission.GetProperty("userReference").GetProperty("name").GetString());
            var granted = permission.GetProperty("permissions");
            Assert.Equal((expected.Configure, expected.Write, expected.Read),
                (granted.GetProperty("configure").GetString(), granted.GetProperty("write").GetString(), granted.GetProperty("read").GetString()));
            foreach (var deployment in new[] { $"{expected.Service}-api", $"{expected.Service}-worker" })
            {
                var secrets = objects.Single(item => Kind(item) == "Deployment" && Name(item) == deployment)
                    .GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0].GetProperty("env").EnumerateArray()
                    .Where(variable => variable.GetProperty("name").GetString()!.StartsWith("RABBITMQ_", StringComparison.Ordinal))
                    .Select(variable => variable.GetProperty("valueFrom").GetProperty("secretKeyRef").GetProperty("name").GetString());
                Assert.Equal([$"{user}-user-credentials", $"{user}-user-credentials"], secrets);
            }
        }
    }

    [Theory]
    [InlineData("""
        - target: { kind: Deployment, name: intake-api }
          patch: |-
            - op: remove
              path: /spec/template/spec/containers/0/readinessProbe
        """, "Deployment/intake-api container intake: no readinessProbe")]
    [InlineData("""
        - target: { kind: Deployment, name: gateway }
          patch: |-
            - op: add
              path: /spec/template/spec/containers/0/securityContext/readOnlyRootFilesytem
              value: true
        """, "Deployment/gateway: unknown field spec.template.spec.containers[0].securityContext.readOnlyRootFilesytem")]
    [InlineData("""
        - target: { kind: Deployment, name: portal }
          patch: |-
            - op: replace
              path: /spec/template/spec/containers/0/ports/0/containerPort
              value: eighty
        """, "Deployment/portal: /spec/template/spec/containers/0/ports/0/containerPort must be integer")]
    [InlineData("""
        - target: { kind: Deployment, name: mediators-worker }
          patch: |-
            - op: replace
              path: /spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation
              value: true
        """, "Deployment/mediators-worker container mediators: allowPrivilegeEscalation is not false")]
    [InlineData("""
        - target: { kind: NetworkPolicy, name: referrals-api }
          patch: |-
            $patch: delete
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: referrals-api
        """, "Deployment/referrals-api: no NetworkPolicy selects its pods")]
    [InlineData("""
        - target: { kind: Cluster, name: integration-pg }
          patch: |-
            - op: remove
              path: /spec/instances
        """, "Cluster/integration-pg: spec.instances must be an integer ≥ 1")]
    [InlineData("""
        - target: { kind: Pooler, name: integration-pg-pooler-rw }
          patch: |-
            - op: replace
              path: /spec/pgbouncer/poolMode
              value: statement
        """, "Pooler/integration-pg-pooler-rw: spec.pgbouncer.poolMode must be session or transaction")]
    [InlineData("""
        - target: { kind: HorizontalPodAutoscaler, name: gateway }
          patch: |-
            - op: replace
              path: /spec/scaleTargetRef/name
              value: gateways
        """, "HorizontalPodAutoscaler/gateway: scales Deployment/gateways, which is not here")]
    public async Task a_broken_manifest_fails_validation_naming_what_is_wrong(string patches, string problem)
    {
        var overlay = BrokenProdOverlay(patches: patches);

        var (_, problems) = await RenderAndValidateAsync(overlay);

        Assert.Contains(problem, problems);
    }

    [Fact]
    public async Task a_secret_with_values_in_the_repository_fails_validation()
    {
        var overlay = BrokenProdOverlay(resource: "secret.yaml");
        await File.WriteAllTextAsync(Path.Combine(overlay, "secret.yaml"),
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: integration-oidc\nstringData:\n  client-secret: hunter2\n");

        var (_, problems) = await RenderAndValidateAsync(overlay);

        Assert.Contains("Secret/integration-oidc: secret values do not belong in the repository", problems);
    }

    [Fact]
    public async Task an_overlay_naming_a_missing_file_does_not_render()
    {
        var overlay = BrokenProdOverlay(resource: "missing.yaml");

        var render = await RunAsync("kubectl", ["kustomize", overlay], input: null);

        Assert.NotEqual(0, render.ExitCode);
        Assert.Contains("missing.yaml", render.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var copy in copies)
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    /// <summary>A copy of deploy/k8s with an overlay on top of prod adding <paramref name="resource"/> or <paramref name="patches"/>.</summary>
    private string BrokenProdOverlay(string? resource = null, string? patches = null)
    {
        var copy = Path.Combine(Path.GetTempPath(), $"integration-k8s-{Guid.NewGuid():N}");
        copies.Add(copy);
        foreach (var file in Directory.GetFiles(Repository.PathTo("deploy", "k8s"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(Repository.PathTo("deploy", "k8s"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var overlay = Path.Combine(copy, "overlays", "broken");
        Directory.CreateDirectory(overlay);
        File.WriteAllText(Path.Combine(overlay, "kustomization.yaml"),
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../prod\n"
            + (resource is null ? "" : $"  - {resource}\n")
            + (patches is null ? "" : $"patches:\n{patches}\n"));
        return overlay;
    }

    private static async Task<(IReadOnlyList<JsonElement> Objects, IReadOnlyList<string> Problems)> RenderAndValidateAsync(string overlay)
    {
        var render = await RunAsync("kubectl", ["kustomize", overlay], input: null);
        Assert.True(render.ExitCode == 0, $"kubectl kustomize {overlay} failed: {render.Error}");
        var validator = Repository.PathTo("deploy", "validation", "validate.mjs");
        Assert.True(Directory.Exists(Repository.PathTo("deploy", "validation", "node_modules")),
            "deploy/validation has no node_modules: run 'npm ci --prefix deploy/validation' (test.sh does).");
        var json = Path.GetTempFileName();
        var validation = await RunAsync("node", [validator, "--json", json], render.Output);
        var lines = validation.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length > 0 && lines[^1].EndsWith("problems", StringComparison.Ordinal), $"the validator did not finish: {validation.Output}{validation.Error}");
        var problems = lines[..^1];
        Assert.Equal(problems.Length == 0 ? 0 : 1, validation.ExitCode);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        return ([.. document.RootElement.EnumerateArray().Select(item => item.Clone())], problems);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, string[] arguments, string? input)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    private static JsonElement Deployment(IReadOnlyList<JsonElement> objects, string name) =>
        objects.Single(item => Kind(item) == "Deployment" && Name(item) == name);

    private static string Kind(JsonElement item) => item.GetProperty("kind").GetString()!;

    private static string Name(JsonElement item) => item.GetProperty("metadata").GetProperty("name").GetString()!;

    private static string? Environment(JsonElement deployment, string name) =>
        deployment.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0].GetProperty("env")
            .EnumerateArray().Single(variable => variable.GetProperty("name").GetString() == name).GetProperty("value").GetString();
}
