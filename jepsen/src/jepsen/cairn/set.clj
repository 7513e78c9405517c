(ns jepsen.cairn.set
  "Set workload, after Jepsen's Riak experiment: clients add unique integers
  to a few keys. Each key holds a set as a JSON array; an add is a
  read-merge-write: read the key with its context, take the union of all
  siblings, add the element, and write the result back with that context so
  the write supersedes exactly what was read. Reads return the union of the
  siblings. Checked with checker/set-full (no acknowledged add lost; stale
  reads are allowed and measured) and for convergence of the replicas.

  In lww mode concurrent read-merge-writes overwrite each other, so set-full
  reports lost adds: the negative control."
  (:require [cheshire.core :as json]
            [jepsen [checker :as checker]
                    [client :as client]
                    [generator :as gen]
                    [history :as h]
                    [independent :as independent]]
            [jepsen.cairn [client :as c]
                          [convergence :as convergence]]))

(defn key-name [k]
  (str "set-" k))

(defn siblings->set
  "The union of every sibling, each a JSON array of integers."
  [values]
  (into (sorted-set)
        (comp (mapcat json/parse-string) (map long))
        values))

(defrecord Client [node]
  client/Client
  (open! [this test node]
    (assoc this :node node))

  (setup! [this test])

  (invoke! [this test op]
    (let [[k v] (:value op)
          kn    (key-name k)]
      (case (:f op)
        :add
        ; Errors of the read leave nothing written; the inner with-errors
        ; takes over once the PUT is on its way.
        (c/with-errors op false
          (let [{:keys [values context]} (c/get-key node kn)
                merged (conj (siblings->set values) v)]
            (c/with-errors op true
              (c/put-key! node kn (json/generate-string merged) context
                          "application/json")
              (assoc op :type :ok))))

        :read
        (c/with-errors op false
          (assoc op
                 :type  :ok
                 :value (independent/tuple
                          k (siblings->set (:values (c/get-key node kn))))))

        :local-read
        (convergence/local-read! node kn op))))

  (teardown! [this test])

  (close! [this test]))

(defn adds []
  (map (fn [x] {:f :add, :value x}) (range)))

(defn reads []
  (repeat {:f :read, :value nil}))

(defn final-reads
  "A coordinated read of every key, by every client thread, so each node
  coordinates one."
  [ks]
  (gen/each-thread
    (map (fn [k] {:f :read, :value (independent/tuple k nil)}) ks)))

(defn only-fs
  "Runs checker on the ops whose :f is in fs. set-full knows only :add and
  :read, and the history also holds the final phase's :local-read ops."
  [fs checker]
  (reify checker/Checker
    (check [_ test history opts]
      (checker/check checker test (h/filter (comp fs :f) history) opts))))

(defn workload
  "Client, generator, final generator and checker for the set workload."
  [opts]
  (let [ks (convergence/test-keys opts)]
    {:client          (map->Client {})
     :generator       (independent/concurrent-generator
                        (:threads-per-key opts)
                        ks
                        (fn [_] (gen/mix [(adds) (reads)])))
     :final-generator (gen/phases
                        (convergence/final-generator ks)
                        (final-reads ks))
     :checker         (independent/checker
                        (checker/compose
                          {:set         (only-fs #{:add :read}
                                                 (checker/set-full
                                                   {:linearizable? false}))
                           :convergence (convergence/checker)}))}))
