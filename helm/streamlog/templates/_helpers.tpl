{{/* Resource names are <release>-<role>. */}}
{{- define "streamlog.name" -}}
{{- printf "%s-%s" .root.Release.Name .role | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "streamlog.labels" -}}
app.kubernetes.io/name: streamlog
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .role }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "streamlog.selector" -}}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .role }}
{{- end -}}

{{- define "streamlog.image" -}}
{{- printf "%sstreamlog/%s:%s" .root.Values.image.registry .service .root.Values.image.tag -}}
{{- end -}}

{{/* The ZooKeeper connect string: the chart's ensemble or the external one. */}}
{{- define "streamlog.zookeeper" -}}
{{- if .Values.zookeeper.enabled -}}
{{- $name := include "streamlog.name" (dict "root" . "role" "zookeeper") -}}
{{- $hosts := list -}}
{{- range $i := until (int .Values.zookeeper.replicas) -}}
{{- $hosts = append $hosts (printf "%s-%d.%s-headless:2181" $name $i $name) -}}
{{- end -}}
{{- join "," $hosts -}}
{{- else -}}
{{- required "zookeeper.externalConnectString is required when zookeeper.enabled is false" .Values.zookeeper.externalConnectString -}}
{{- end -}}
{{- end -}}

{{/* The Secret holding the cluster secret: the operator's, or the chart's. */}}
{{- define "streamlog.clusterSecretName" -}}
{{- .Values.clusterSecret.existingSecret | default (include "streamlog.name" (dict "root" . "role" "cluster-secret")) -}}
{{- end -}}

{{/* Environment every Streamlog service shares. */}}
{{- define "streamlog.commonEnv" -}}
- name: STREAMLOG_CLUSTER_SECRET
  valueFrom: {secretKeyRef: {name: {{ include "streamlog.clusterSecretName" .root }}, key: secret}}
- name: SPRING_CLOUD_ZOOKEEPER_CONNECT_STRING
  value: {{ include "streamlog.zookeeper" .root | quote }}
- name: STREAMLOG_ZOOKEEPER_CHROOT
  value: {{ .root.Values.zookeeper.chroot | quote }}
- name: JAVA_OPTS
  value: {{ .javaOpts | quote }}
- name: POD_NAME
  valueFrom: {fieldRef: {fieldPath: metadata.name}}
- name: POD_IP
  valueFrom: {fieldRef: {fieldPath: status.podIP}}
{{- if .root.Values.clusterTls.enabled }}
# TLS between the services: the Secret's CA is the only one trusted; its certificate is the storage nodes',
# controllers' and coordinators' (the gateways only call them, and get the CA alone).
- {name: STREAMLOG_CLUSTER_TLS_BUNDLE, value: cluster}
- {name: STREAMLOG_CLUSTER_TLS_VERIFYHOSTNAME, value: "false"}
- {name: SPRING_SSL_BUNDLE_PEM_CLUSTER_TRUSTSTORE_CERTIFICATE, value: "file:/etc/streamlog/cluster-tls/ca.crt"}
- {name: SPRING_SSL_BUNDLE_PEM_CLUSTER_RELOADONUPDATE, value: "true"}
{{- if ne .role "gateway" }}
- {name: SPRING_SSL_BUNDLE_PEM_CLUSTER_KEYSTORE_CERTIFICATE, value: "file:/etc/streamlog/cluster-tls/tls.crt"}
- {name: SPRING_SSL_BUNDLE_PEM_CLUSTER_KEYSTORE_PRIVATEKEY, value: "file:/etc/streamlog/cluster-tls/tls.key"}
{{- end }}
{{- end }}
{{- end -}}

{{/* The Secret holding the cluster's CA and certificate: the operator's, or the chart's. */}}
{{- define "streamlog.clusterTlsSecretName" -}}
{{- .Values.clusterTls.existingSecret | default (include "streamlog.name" (dict "root" . "role" "cluster-tls")) -}}
{{- end -}}

{{/* The volume of the cluster's CA and certificate, for a pod of .role: a gateway gets the CA alone. */}}
{{- define "streamlog.clusterTlsVolume" -}}
- name: cluster-tls
  secret:
    secretName: {{ include "streamlog.clusterTlsSecretName" .root }}
    defaultMode: 0440
    {{- if eq .role "gateway" }}
    items: [{key: ca.crt, path: ca.crt}]
    {{- end }}
{{- end -}}

{{/* The scheme of a role's own port: https for the storage nodes, controllers and coordinators with TLS between
     the services, and for the gateways with TLS on the public listener. */}}
{{- define "streamlog.scheme" -}}
{{- if eq .role "gateway" -}}
{{- if .root.Values.gateway.tls.existingSecret }}https{{ else }}http{{ end -}}
{{- else -}}
{{- if .root.Values.clusterTls.enabled }}https{{ else }}http{{ end -}}
{{- end -}}
{{- end -}}

{{/* Liveness and readiness on the Actuator health groups, as /livez and /readyz on the service's port (the
     gateway's actuator listens on a management port of its own), over HTTPS where the port speaks TLS (the kubelet
     does not check the certificate). */}}
{{- define "streamlog.probes" -}}
{{- $scheme := include "streamlog.scheme" . | upper -}}
{{- with .root -}}
livenessProbe:
  httpGet: {path: /livez, port: http, scheme: {{ $scheme }}}
  initialDelaySeconds: {{ .Values.probes.initialDelaySeconds }}
  periodSeconds: {{ .Values.probes.periodSeconds }}
  failureThreshold: {{ .Values.probes.failureThreshold }}
readinessProbe:
  httpGet: {path: /readyz, port: http, scheme: {{ $scheme }}}
  initialDelaySeconds: {{ .Values.probes.initialDelaySeconds }}
  periodSeconds: {{ .Values.probes.periodSeconds }}
  failureThreshold: {{ .Values.probes.failureThreshold }}
{{- end -}}
{{- end -}}

{{/* A PodDisruptionBudget for one role. */}}
{{- define "streamlog.pdb" -}}
{{- if .root.Values.podDisruptionBudget.enabled }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "streamlog.name" . }}
  labels:
    {{- include "streamlog.labels" . | nindent 4 }}
spec:
  maxUnavailable: {{ .root.Values.podDisruptionBudget.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "streamlog.selector" . | nindent 6 }}
{{- end }}
{{- end -}}

{{/* The Secret holding the gateway's credentials file (users.htpasswd). */}}
{{- define "streamlog.credentialsSecretName" -}}
{{- .Values.gateway.auth.existingSecret | default (include "streamlog.name" (dict "root" . "role" "gateway-credentials")) -}}
{{- end -}}
