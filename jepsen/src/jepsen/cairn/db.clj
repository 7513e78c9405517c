(ns jepsen.cairn.db
  "Installs Cairn from its release tarball under /opt/cairn, writes a config
  naming every test node as a cluster member, and starts, kills, pauses and
  resumes the node process for the nemeses."
  (:require [clojure.java.io :as io]
            [clojure.string :as str]
            [clojure.tools.logging :refer [info]]
            [jepsen [control :as c]
                    [db :as db]
                    [util :refer [meh]]]
            [jepsen.control.util :as cu]
            [jepsen.os.debian :as debian]
            [jepsen.cairn.client :as client]))

(def dir "/opt/cairn")
(def config-file (str dir "/cairn.yaml"))
(def data-dir (str dir "/data"))
(def logfile (str dir "/cairn.log"))
(def pidfile (str dir "/cairn.pid"))
(def launcher (str dir "/bin/cairn"))

(def internode-port 8099)

(def cluster-secret
  "The secret every node of the test cluster shares (base64 of 32 bytes): nodes
  sign the contexts they hand out with it and accept only their peers'."
  "Y2Fpcm4gamVwc2VuIHRlc3QgY2x1c3RlciBzZWNyZXQhIQ==")

(defn replication
  "n, r and w of the cluster's buckets: three replicas (fewer on a smaller
  cluster, since n cannot exceed the members), quorum reads and writes. The
  convergence checker expects n replicas of each key."
  [nodes]
  (let [n (min 3 (count nodes))
        q (inc (quot n 2))]
    {:n n, :r q, :w q}))

(defn config-yaml
  "The node's config file: see conf/cairn.yaml for every setting."
  [test node]
  (str/join
    "\n"
    (concat
      ["# written by the Jepsen test for this node"
       "node:"
       (str "  id: " node)
       (str "  data-dir: " data-dir)
       "http:"
       "  host: 0.0.0.0"
       (str "  port: " client/http-port)
       "internode:"
       "  host: 0.0.0.0"
       (str "  port: " internode-port)
       "cluster:"
       ; Every partition map is preallocated on disk: a test needs few.
       "  partitions: 64"
       (str "  secret: " cluster-secret)
       "  members:"]
      (mapcat (fn [member]
                [(str "    - id: " member)
                 (str "      host: " member)
                 (str "      internode-port: " internode-port)
                 (str "      http-port: " client/http-port)])
              (:nodes test))
      (let [{:keys [n r w]} (replication (:nodes test))]
        ["defaults:"
         (str "  n: " n)
         (str "  r: " r)
         (str "  w: " w)
         ; Bucket props set over HTTP live in the node's memory only, and the
         ; kill nemesis restarts nodes: the negative control's conflict mode
         ; is also the configured default so a restarted node keeps it.
         (str "  conflict-mode: " (if (:lww test) "lww" "siblings"))])
      ["hints:"
       ; Deliver hints soon after a heal, so the final phase's quiescence
       ; period can be short.
       "  delivery-interval-ms: 1000"
       "anti-entropy:"
       ; One partition exchange per interval: 200 ms sweeps all 64 partitions
       ; in about 13 s.
       "  interval-ms: 200"
       ""])))

(defn tarball-url
  "A URL install-archive! can fetch on the node. A path on the control node is
  uploaded to the node first and installed from there."
  [tarball]
  (if (re-find #"^[a-z]+://" tarball)
    tarball
    (let [remote (str "/tmp/jepsen/" (.getName (io/file tarball)))]
      (c/exec :mkdir :-p "/tmp/jepsen")
      (c/upload (.getCanonicalPath (io/file tarball)) remote)
      (str "file://" remote))))

(defn pid
  "The node process's pid, from the pidfile; nil when it is not running."
  []
  (meh (str/trim (c/exec :cat pidfile))))

(defn signal!
  "Sends a signal to the node process, if it is running."
  [sig]
  (when-let [p (pid)]
    (meh (c/exec :kill (str "-" sig) p))))

(defrecord DB []
  db/DB
  (setup! [this test node]
    (info node "installing Cairn from" (:tarball test))
    (c/su
      ; A JDK rather than a JRE: Chronicle Map compiles code at start-up.
      (debian/install [:openjdk-17-jdk-headless])
      (cu/install-archive! (tarball-url (:tarball test)) dir)
      (c/exec :mkdir :-p data-dir)
      (cu/write-file! (config-yaml test node) config-file))
    (db/start! this test node)
    (client/await-ready! node 120000)
    (when (:lww test)
      ; What an operator would do; the config default above is what makes it
      ; survive restarts.
      (client/set-bucket-props! node {:conflictMode "lww"})))

  (teardown! [this test node]
    (info node "tearing down Cairn")
    (db/kill! this test node)
    (c/su (c/exec :rm :-rf dir)))

  db/Kill
  (start! [this test node]
    (c/su
      ; bin/cairn execs java, so the pid start-stop-daemon records is the
      ; JVM's; the executable is java, not the script, hence no matching on it.
      (cu/start-daemon! {:logfile           logfile
                         :pidfile           pidfile
                         :chdir             dir
                         :match-executable? false}
                        launcher
                        :node :--config config-file)))

  (kill! [this test node]
    (c/su (cu/stop-daemon! pidfile)))

  db/Pause
  (pause! [this test node]
    (c/su (signal! "STOP")))

  (resume! [this test node]
    (c/su (signal! "CONT")))

  db/LogFiles
  (log-files [this test node]
    {logfile     "cairn.log"
     config-file "cairn.yaml"}))

(defn db
  "A Cairn DB; reads :tarball and :lww from the test map."
  [opts]
  (map->DB {}))
