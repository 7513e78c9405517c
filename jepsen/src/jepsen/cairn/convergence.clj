(ns jepsen.cairn.convergence
  "Convergence: after every fault has healed and the cluster has had time to
  quiesce, every replica of a key must hold the same siblings. The final phase
  reads each key with ?local=true from every node, which shows that node's own
  copy without coordination (and so without read repair), and the checker
  compares the copies.

  Shared by both workloads: they include :local-read ops in their final
  generators and route them to local-read! in their clients."
  (:require [jepsen [checker :as checker]
                    [generator :as gen]
                    [independent :as independent]]
            [jepsen.cairn.client :as c]))

(defn test-keys
  "The keys a workload uses: one per group of --threads-per-key client
  threads, so every key is being written from the start of the test and has
  final reads at its end."
  [opts]
  (range (max 1 (quot (:concurrency opts) (:threads-per-key opts)))))

(defn final-generator
  "Every client thread reads every key from its own node's replica. Run in the
  final phase, before any coordinated final read: those trigger read repair,
  which would hide replicas that anti-entropy and hinted handoff failed to
  converge."
  [ks]
  (gen/each-thread
    (map (fn [k] {:f :local-read, :value (independent/tuple k nil)}) ks)))

(defn local-read!
  "Completes a :local-read op for the key named key-name: node's own copy as a
  sorted set of sibling values (the raw stored strings), or
  {:replica? false} when node holds no copy of the key (409)."
  [node key-name op]
  (let [[k _] (:value op)]
    (c/with-errors op false
      (let [copy (c/get-key node key-name {:local? true})]
        (assoc op
               :type  :ok
               :value (independent/tuple
                        k (if copy
                            {:node node, :siblings (into (sorted-set) (:values copy))}
                            {:node node, :replica? false})))))))

(defn analysis
  "Takes the :local-read ops of one key's history and the replication factor
  n. Valid when every copy read is identical; unknown when fewer than n nodes
  answered as replicas, since then a divergent replica may have gone unread."
  [ops n]
  (let [copies   (->> ops
                      (filter #(and (= :local-read (:f %)) (= :ok (:type %))))
                      (map :value)
                      (remove #(false? (:replica? %))))
        by-node  (reduce (fn [m {:keys [node siblings]}]
                           (update m node (fnil conj #{}) siblings))
                         (sorted-map)
                         copies)
        states   (set (map :siblings copies))]
    (cond-> {:valid?   (cond (< 1 (count states))     false
                             (< (count by-node) n)      :unknown
                             :else                      true)
             :replicas (vec (keys by-node))}
      (< 1 (count states)) (assoc :divergent by-node))))

(defn checker
  "Checks one key's history (use inside independent/checker)."
  []
  (reify checker/Checker
    (check [_ test history opts]
      (analysis history (:replication test 3)))))
