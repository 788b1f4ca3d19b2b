# Reference numbers for test/evaluation/off-policy.test.ts (run by hand: /usr/bin/python3 test/evaluation/reference/obd_reference.py
# with Debian python3-numpy, python3-pandas, python3-sklearn). Not run in CI.
import numpy as np, pandas as pd
from sklearn.linear_model import LogisticRegression
np.set_printoptions(precision=17)
for c,K in [("men",34),("women",46)]:
    r=pd.read_csv(f"data/open-bandit-dataset/random/{c}/{c}.csv",index_col=0)
    b=pd.read_csv(f"data/open-bandit-dataset/bts/{c}/{c}.csv",index_col=0)
    pi=np.zeros((3,K))
    for p in range(3):
        sub=b[b.position==p+1]; cnt=np.bincount(sub.item_id,minlength=K); pi[p]=cnt/cnt.sum()
    pos=r.position.values-1; a=r.item_id.values; y=r.click.values.astype(float); ps=r.propensity_score.values
    w=pi[pos,a]/ps; n=len(r)
    ipw=np.mean(w*y); se=np.std(w*y,ddof=1)/np.sqrt(n)
    sn=np.sum(w*y)/np.sum(w); snse=np.sqrt(np.sum(w**2*(y-sn)**2))/np.sum(w)
    print(c,"onpolicy",b.click.mean(),"ipw",repr(ipw),repr(se),"snipw",repr(sn),repr(snse),"maxw",w.max(),"ess",w.sum()**2/(w**2).sum())
    # design
    aff=r.filter(like="user-item_affinity").values.astype(float)
    Z=(aff-aff.mean(0))/np.where(aff.std(0)>0,aff.std(0),1)
    cats=[]
    for j in range(4):
        col=r[f"user_feature_{j}"]; levels=list(dict.fromkeys(col)); cats.append(np.eye(len(levels))[[levels.index(v) for v in col]])
    base=np.hstack([Z]+cats)
    X=np.hstack([base,np.eye(K)[a],np.eye(3)[pos]])
    m=LogisticRegression(C=1.0,tol=1e-12,max_iter=100000).fit(X,y)
    print(" intercept",repr(m.intercept_[0]),"coef action0..2",m.coef_[0][base.shape[1]:base.shape[1]+3])
    # q for all actions
    Q=np.zeros((n,K))
    for k in range(K):
        Xk=np.hstack([base,np.tile(np.eye(K)[k],(n,1)),np.eye(3)[pos]]); Q[:,k]=m.predict_proba(Xk)[:,1]
    qf=Q[np.arange(n),a]; g=(Q*pi[pos]).sum(1)
    dm=g.mean(); dr=np.mean(g+w*(y-qf)); drse=np.std(g+w*(y-qf),ddof=1)/np.sqrt(n)
    sndr=g.mean()+np.sum(w*(y-qf))/np.sum(w)
    sw=np.mean(g+(w<=10)*w*(y-qf))
    print(" dm",repr(dm),"dr",repr(dr),repr(drse),"sndr",repr(sndr),"switch10",repr(sw))
